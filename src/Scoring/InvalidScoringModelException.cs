namespace OrleansPricing.Scoring;

/// <summary>An ONNX model that cannot be served: unreadable, wrong input schema, or bad outputs on the probe batch.</summary>
public sealed class InvalidScoringModelException : Exception
{
    public InvalidScoringModelException(string message) : base(message)
    {
    }

    public InvalidScoringModelException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public InvalidScoringModelException()
    {
    }
}
