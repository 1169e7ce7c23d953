using OrleansPricing.Grains.Customers;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.UnitTests.Customers;

public sealed class LiveQuoteTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A line of a 40.00 list price quoted at 36.00 (10% off).</summary>
    private static readonly LiveQuote TenPercentOff = new(Guid.NewGuid(), At, At.AddMinutes(15), 36.00m, 0.10, Explored: false);

    private static CustomerEvent Paid(decimal amount, int quantity = 1) =>
        new("p-1", CustomerEventType.Purchase, "SKU-1", "shoes", quantity, amount, At.AddMinutes(1), CustomerEvent.DiscountBelowList(40m * quantity, amount));

    [Theory]
    [InlineData(36.00, 1, true)]
    [InlineData(72.00, 2, true)]
    // Within half a percent of the list value (0.20 a unit) of the quoted price: rounding, a currency conversion.
    [InlineData(36.19, 1, true)]
    [InlineData(71.70, 2, true)]
    // Beyond it: another price the shop set, the customer's own.
    [InlineData(36.21, 1, false)]
    [InlineData(32.00, 1, false)]
    [InlineData(40.00, 1, false)]
    [InlineData(36.00, 2, false)]
    public void A_purchase_answers_a_discounted_line_when_paid_its_quoted_price_for_the_units_bought(double amount, int quantity, bool answers) =>
        Assert.Equal(answers, TenPercentOff.Answers(40m, Paid((decimal)amount, quantity)));

    [Fact]
    public void A_line_at_list_price_is_answered_by_no_purchase_event()
    {
        // Bought at list price, a purchase event is the customer's own, as an order line that cites no token is.
        var atList = TenPercentOff with { Price = 40.00m, Discount = 0 };

        Assert.False(atList.Answers(40m, Paid(40.00m)));
    }
}
