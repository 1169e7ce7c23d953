using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.Quotes;

namespace OrleansPricing.UnitTests.Campaigns;

/// <summary>
/// The lease keeps the service's quote ids as Guids and any other id as given: every id is still its own quote
/// (the invariants under interleavings are property-tested in <see cref="BudgetPropertyTests"/>).
/// </summary>
public sealed class LocalBudgetTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan QuoteTimeToLive = TimeSpan.FromMinutes(15);

    [Fact]
    public void Ids_that_differ_only_by_case_are_two_quotes_and_each_commit_ends_its_own_reservation()
    {
        var budget = new LocalBudget();
        budget.Sync(100m, [], Now, TimeSpan.Zero);
        var serviceId = QuoteIds.New(Now);
        var upper = serviceId.ToUpperInvariant();

        Assert.True(budget.TryReserve(serviceId, 10m, Now + QuoteTimeToLive));
        Assert.False(budget.TryReserve(serviceId, 10m, Now + QuoteTimeToLive)); // one reservation a quote
        Assert.True(budget.TryReserve(upper, 20m, Now + QuoteTimeToLive));
        Assert.True(budget.TryReserve("quote-7", 30m, Now + QuoteTimeToLive));
        Assert.Equal(60m, budget.Reserved);

        budget.Sync(100m, [upper], Now, TimeSpan.Zero);
        Assert.Equal(40m, budget.Reserved);
        budget.Sync(100m, [serviceId, "quote-7"], Now, TimeSpan.Zero);
        Assert.Equal(0m, budget.Reserved);
    }

    [Fact]
    public void Reservations_of_either_kind_of_id_are_released_once_expired_past_the_grace()
    {
        var budget = new LocalBudget();
        budget.Sync(100m, [], Now, TimeSpan.Zero);
        Assert.True(budget.TryReserve(QuoteIds.New(Now), 10m, Now + QuoteTimeToLive));
        Assert.True(budget.TryReserve("quote-1", 5m, Now + QuoteTimeToLive));

        Assert.Equal(0m, budget.Sync(100m, [], Now + QuoteTimeToLive, TimeSpan.FromMinutes(1)));
        Assert.Equal(15m, budget.Sync(100m, [], Now + QuoteTimeToLive + TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));
        Assert.Equal(0m, budget.Reserved);
        Assert.Equal(100m, budget.Free);
    }
}
