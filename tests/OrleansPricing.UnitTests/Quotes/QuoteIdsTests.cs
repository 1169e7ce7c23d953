using OrleansPricing.Pricing.Quotes;

namespace OrleansPricing.UnitTests.Quotes;

public sealed class QuoteIdsTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_id_is_32_lower_case_hex_digits_and_reads_back_as_its_guid()
    {
        var id = QuoteIds.New(Now);

        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.True(QuoteIds.TryParse(id, out var guid));
        Assert.Equal(id, QuoteIds.Format(guid));
        Assert.Equal(guid, QuoteIds.Parse(id));
    }

    [Theory]
    [InlineData("quote-7")]
    [InlineData("")]
    [InlineData("0192f0c4-7a1b-7c3d-8e4f-5a6b7c8d9e0f")]
    public void Other_ids_are_not_the_services(string other)
    {
        Assert.False(QuoteIds.TryParse(other, out _));
        Assert.Throws<FormatException>(() => QuoteIds.Parse(other));
    }

    [Fact]
    public void An_id_that_differs_from_a_service_id_by_case_only_is_not_read_as_its_guid()
    {
        // Guid parsing ignores case: read as the same Guid, two different ids would be one quote.
        Assert.False(QuoteIds.TryParse(QuoteIds.New(Now).ToUpperInvariant(), out _));
    }
}
