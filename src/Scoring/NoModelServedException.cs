namespace OrleansPricing.Scoring;

/// <summary>This silo serves no model yet (the registry is empty or its active version did not load here).</summary>
public sealed class NoModelServedException : Exception
{
    public NoModelServedException(string message) : base(message)
    {
    }

    public NoModelServedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public NoModelServedException()
    {
    }
}
