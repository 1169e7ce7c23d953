namespace OrleansPricing.Scoring;

/// <summary>The silo's scoring queue is full: the request is refused at once rather than queued without bound.</summary>
public sealed class ScoringOverloadedException : Exception
{
    public ScoringOverloadedException(string message) : base(message)
    {
    }

    public ScoringOverloadedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ScoringOverloadedException()
    {
    }
}
