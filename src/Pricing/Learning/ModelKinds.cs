namespace OrleansPricing.Pricing.Learning;

/// <summary>The kinds of response model the cluster trains (a model card's <c>kind</c>).</summary>
public static class ModelKinds
{
    public const string Logistic = "logistic";
    public const string LogisticInteractions = "logistic-interactions";
    public const string ResponseNetwork = "response-network";

    /// <summary>A discount curve for each segment of customers found from how they shop (<see cref="SegmentResponseModel"/>).</summary>
    public const string Segments = "behaviour-segments";

    /// <summary>The segment model, the interaction model and three response networks, their probabilities averaged (<see cref="EnsembleModel"/>).</summary>
    public const string Ensemble = "ensemble";
}
