namespace OrleansPricing.Pricing.Models;

/// <summary>A model file that cannot be served: wrong feature definition, missing or non-finite coefficients, bad JSON.</summary>
public sealed class InvalidModelException : Exception
{
    public InvalidModelException(string message) : base(message)
    {
    }

    public InvalidModelException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public InvalidModelException()
    {
    }
}
