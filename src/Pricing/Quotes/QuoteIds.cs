using System.Buffers;

namespace OrleansPricing.Pricing.Quotes;

/// <summary>
/// The service's quote ids: a version-7 (time-ordered) Guid written as its 32 lower-case hex digits. What keeps an id
/// for the quote's lifetime (a customer's live quotes, a campaign lease's reservations) keeps the Guid, inside its own
/// entries: a string a quote line would be copied by every young collection until the quote expired (docs/benchmarks.md, "What a
/// young collection keeps").
/// </summary>
public static class QuoteIds
{
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static string New(DateTimeOffset now) => Format(Guid.CreateVersion7(now));

    public static string Format(Guid id) => id.ToString("N");

    /// <summary>The Guid of an id this service made (<see cref="New"/>).</summary>
    public static Guid Parse(string quoteId) =>
        TryParse(quoteId, out var id) ? id : throw new FormatException($"'{quoteId}' is not a quote id of this service.");

    /// <summary>
    /// The Guid an id of this service stands for; false for any other id, also one that differs from a service id by case
    /// only — the Guid parser takes either case, and two ids that differ are two quotes.
    /// </summary>
    public static bool TryParse(string quoteId, out Guid id)
    {
        id = default;
        return quoteId.Length == 32 && !quoteId.AsSpan().ContainsAnyExcept(LowerHex) && Guid.TryParseExact(quoteId, "N", out id);
    }
}
