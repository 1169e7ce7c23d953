using OrleansPricing.Pricing.Campaigns;

namespace OrleansPricing.UnitTests.Campaigns;

/// <summary>The ledger remembers the newest committed orders only, so a busy campaign's state stays bounded.</summary>
public sealed class BudgetLedgerMemoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_oldest_committed_orders_are_forgotten_beyond_the_limit_and_spend_is_kept()
    {
        var ledger = new BudgetLedger { Budget = 1_000_000m };
        var orders = BudgetLedger.MaxCommittedOrders + 10;
        for (var i = 0; i < orders; i++)
        {
            Assert.True(ledger.Commit($"order-{i}", [new LeaseDraw("silo-0", $"quote-{i}", 1m)], Now));
        }

        Assert.Equal(BudgetLedger.MaxCommittedOrders, ledger.CommittedOrders.Count);
        Assert.DoesNotContain("order-9", ledger.CommittedOrders.Keys);
        Assert.Contains("order-10", ledger.CommittedOrders.Keys);
        Assert.Equal(orders, ledger.Committed);

        // A remembered order is still a replay; reversing one frees its spend and its place.
        Assert.True(ledger.Commit($"order-{orders - 1}", [new LeaseDraw("silo-0", "again", 1m)], Now));
        Assert.Equal(orders, ledger.Committed);
        Assert.True(ledger.Reverse("order-10"));
        Assert.Equal(orders - 1, ledger.Committed);
        Assert.True(ledger.Commit("order-new", [new LeaseDraw("silo-0", "new", 1m)], Now));
        Assert.Equal(BudgetLedger.MaxCommittedOrders, ledger.CommittedOrders.Count);
        Assert.Contains("order-11", ledger.CommittedOrders.Keys); // the reversed id made room: nothing older was forgotten
        Assert.True(ledger.CommitOrder.Count <= 2 * BudgetLedger.MaxCommittedOrders);
    }
}
