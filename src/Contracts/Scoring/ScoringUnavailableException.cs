namespace OrleansPricing.Contracts.Scoring;

/// <summary>
/// The scoring pool could not score a request in time: its queue was full (shed at once) or the deadline passed. A
/// quote that meets it fails fast; the caller may retry.
/// </summary>
[GenerateSerializer, Alias("contracts.scoring-unavailable")]
public sealed class ScoringUnavailableException : Exception
{
    public ScoringUnavailableException(string message) : base(message)
    {
    }

    public ScoringUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ScoringUnavailableException()
    {
    }
}
