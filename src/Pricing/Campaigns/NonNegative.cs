using System.Runtime.CompilerServices;

namespace OrleansPricing.Pricing.Campaigns;

/// <summary>
/// Money arguments must not be below zero. Not <c>ArgumentOutOfRangeException.ThrowIfNegative</c>: decimal arithmetic can
/// produce a negative zero (e.g. 1.50 − 1.50 with a sign bit), which that check rejects.
/// </summary>
internal static class NonNegative
{
    public static void Require(decimal amount, [CallerArgumentExpression(nameof(amount))] string? name = null)
    {
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(name, amount, "Must not be negative.");
        }
    }
}
