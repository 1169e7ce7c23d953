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

    [Fact]
    public void A_reservation_is_released_no_earlier_than_its_expiry_and_grace_and_at_most_one_slot_later()
    {
        var budget = new LocalBudget();
        budget.Sync(100m, [], Now, TimeSpan.Zero);
        var grace = TimeSpan.FromMinutes(1);
        var expiresAt = Now + QuoteTimeToLive + TimeSpan.FromMilliseconds(250); // inside a slot, not at its end
        Assert.True(budget.TryReserve(QuoteIds.New(Now), 10m, expiresAt));

        Assert.Equal(0m, budget.Sync(100m, [], expiresAt + grace, grace));
        Assert.Equal(0m, budget.Sync(100m, [], expiresAt + grace + LocalBudget.SlotWidth - TimeSpan.FromMilliseconds(251), grace));
        Assert.Equal(10m, budget.Sync(100m, [], expiresAt + grace + LocalBudget.SlotWidth, grace));
        Assert.Equal(0m, budget.Reserved);
    }

    [Fact]
    public void Reservations_made_out_of_expiry_order_are_released_in_expiry_order_and_commits_find_any_of_them()
    {
        var budget = new LocalBudget();
        budget.Sync(100m, [], Now, TimeSpan.Zero);
        var late = QuoteIds.New(Now);
        var early = QuoteIds.New(Now);
        var middle = QuoteIds.New(Now);
        Assert.True(budget.TryReserve(late, 30m, Now + TimeSpan.FromSeconds(30)));
        Assert.True(budget.TryReserve(early, 10m, Now + TimeSpan.FromSeconds(10)));
        Assert.True(budget.TryReserve(middle, 20m, Now + TimeSpan.FromSeconds(20)));
        Assert.False(budget.TryReserve(early, 10m, Now + TimeSpan.FromSeconds(10))); // one reservation a quote
        Assert.False(budget.TryReserve(QuoteIds.New(Now), 40.01m, Now + TimeSpan.FromSeconds(20))); // 40 free

        Assert.Equal(0m, budget.Sync(100m, [late], Now + TimeSpan.FromSeconds(9), TimeSpan.Zero));
        Assert.Equal(30m, budget.Reserved);
        Assert.Equal(10m, budget.Sync(100m, [], Now + TimeSpan.FromSeconds(10), TimeSpan.Zero));
        Assert.Equal(20m, budget.Sync(100m, [], Now + TimeSpan.FromSeconds(31), TimeSpan.Zero));
        Assert.Equal(0m, budget.Reserved);
    }

    [Fact]
    public void A_lease_of_many_slots_keeps_every_reservation_until_its_slot_ends()
    {
        var budget = new LocalBudget();
        budget.Sync(1_000_000m, [], Now, TimeSpan.Zero);
        var ids = new List<string>();
        for (var i = 0; i < 10_000; i++)
        {
            // 100 quotes a second for 100 s: 100 slots, each quote 0.01.
            var id = QuoteIds.New(Now);
            ids.Add(id);
            Assert.True(budget.TryReserve(id, 0.01m, Now + QuoteTimeToLive + TimeSpan.FromMilliseconds(i * 10)));
        }

        Assert.Equal(100m, budget.Reserved);
        Assert.Equal(0m, budget.Sync(1_000_000m, ids.Where((_, i) => i % 100 == 0), Now + QuoteTimeToLive, TimeSpan.Zero));
        Assert.Equal(99m, budget.Reserved);

        // 50 s on: the quotes that expired by then (5,001 of them, 51 committed) are released, the rest stay.
        Assert.Equal(49.50m, budget.Sync(1_000_000m, [], Now + QuoteTimeToLive + TimeSpan.FromSeconds(50), TimeSpan.Zero));
        Assert.Equal(49.50m, budget.Reserved);
    }
}
