namespace OrleansPricing.Pricing.Learning;

/// <summary>A response model the cluster trained: its kind, and purchase probabilities for feature-definition rows.</summary>
public interface ICandidateModel
{
    string Kind { get; }

    float[] Predict(float[] rows, int count);
}
