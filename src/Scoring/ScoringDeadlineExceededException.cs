namespace OrleansPricing.Scoring;

/// <summary>A scoring request was not served within its deadline.</summary>
public sealed class ScoringDeadlineExceededException : Exception
{
    public ScoringDeadlineExceededException(string message) : base(message)
    {
    }

    public ScoringDeadlineExceededException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ScoringDeadlineExceededException()
    {
    }
}
