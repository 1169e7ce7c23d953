namespace OrleansPricing.Training.Commands;

public sealed class UsageException : Exception
{
    public UsageException(string message) : base(message)
    {
    }

    public UsageException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public UsageException()
    {
    }
}
