using FsCheck.Xunit;
using OrleansPricing.Pricing.Campaigns;

namespace OrleansPricing.UnitTests.Campaigns;

/// <summary>
/// Property tests over random interleavings of lease calls, quote reservations, expiries, order commits (with replays
/// and reversals) and reclaims of silent holders. Fixed replay seeds keep every run identical.
/// </summary>
public sealed class BudgetPropertyTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan QuoteTimeToLive = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan LeaseTimeToLive = QuoteTimeToLive * 2;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(2);

    [Property(MaxTest = 300, Replay = "(1234567,7654321)")]
    public bool Ledger_never_commits_or_leases_more_than_the_budget((byte Kind, byte Holder, ushort Amount)[] operations)
    {
        var ledger = new BudgetLedger { Budget = 1000m };
        var now = Start;
        foreach (var (kind, holderByte, amount) in operations)
        {
            var holder = $"silo-{holderByte % 3}";
            var money = amount / 100m;
            var committedBefore = ledger.Committed;
            var orderId = $"order-{amount % 40}";
            var reversal = false;
            switch (kind % 5)
            {
                case 0:
                    ledger.SetLease(holder, money, now);
                    break;
                case 1:
                    var replay = ledger.CommittedOrders.ContainsKey(orderId);
                    ledger.Commit(orderId, [new LeaseDraw(holder, $"quote-{amount}", money / 10), new LeaseDraw("silo-0", $"quote-x{amount}", money / 20)], now);
                    if (replay && ledger.Committed != committedBefore)
                    {
                        return false; // a replayed commit must change nothing
                    }

                    break;
                case 2:
                    reversal = ledger.Reverse(orderId);
                    break;
                case 3:
                    ledger.ReclaimExpired(now, LeaseTimeToLive);
                    break;
                default:
                    now = now.AddSeconds(amount % 3600);
                    break;
            }

            if (!ledger.IsConsistent || (!reversal && ledger.Committed < committedBefore))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 300, Replay = "(2345678,8765433)")]
    public bool Local_reservations_stay_within_the_balance_they_were_made_against((byte Kind, ushort Amount)[] operations)
    {
        var local = new LocalBudget();
        var now = Start;
        var quotes = new List<string>();
        foreach (var (kind, amount) in operations)
        {
            var money = amount / 100m;
            var freeBefore = local.Free;
            switch (kind % 4)
            {
                case 0:
                    local.Sync(money, quotes.Where((_, i) => i % 3 == amount % 3).ToList(), now, TimeSpan.FromMinutes(2));
                    break;
                case 1:
                    var quoteId = $"quote-{quotes.Count}";
                    var reserved = local.TryReserve(quoteId, money / 5, now + QuoteTimeToLive);
                    if (reserved != (money / 5 <= freeBefore))
                    {
                        return false; // reserves exactly when the free balance covers it
                    }

                    quotes.Add(quoteId);
                    break;
                default:
                    now = now.AddSeconds(amount % 1800);
                    break;
            }

            if (local.Reserved < 0 || local.Free != local.Balance - local.Reserved)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Two silos serve quotes from leases, exactly as <c>CampaignServing</c> does: a silo that quotes has called the
    /// coordinator within the refresh interval; each call asks for its reservations plus some headroom and applies the
    /// answer. Orders commit open quotes through the coordinator, quotes expire, time passes, silent leases are reclaimed.
    /// At every step: every order on an open quote commits, the ledger is consistent, and money promised in open quotes
    /// plus money spent stays within the budget.
    /// </summary>
    [Property(MaxTest = 300, Replay = "(3456789,9876543)")]
    public bool Every_open_quote_is_funded_and_promises_plus_spend_stay_within_the_budget((byte Kind, byte Silo, ushort Amount)[] operations)
    {
        const decimal Budget = 500m;
        var ledger = new BudgetLedger { Budget = Budget };
        var silos = new[] { new LocalBudget(), new LocalBudget() };
        var lastCall = new[] { DateTimeOffset.MinValue, DateTimeOffset.MinValue };
        var openQuotes = new List<(int Silo, string QuoteId, decimal Discount, DateTimeOffset ExpiresAt)>();
        var now = Start;
        var next = 0;

        void Call(int silo, decimal headroom)
        {
            var (held, committed) = ledger.SetLease($"silo-{silo}", silos[silo].Reserved + headroom, now);
            silos[silo].Sync(held, committed, now, TimeSpan.Zero);
            lastCall[silo] = now;
        }

        foreach (var (kind, siloByte, amount) in operations)
        {
            var silo = siloByte % 2;
            openQuotes.RemoveAll(quote => quote.ExpiresAt <= now);
            switch (kind % 6)
            {
                case 0: // periodic lease call
                    Call(silo, amount / 100m);
                    break;
                case 1: // a quote promises a discount if the local lease can cover it
                    if (now - lastCall[silo] >= RefreshInterval)
                    {
                        Call(silo, 20m);
                    }

                    var discount = amount % 2000 / 100m;
                    var quoteId = $"quote-{next++}";
                    if (silos[silo].TryReserve(quoteId, discount, now + QuoteTimeToLive))
                    {
                        openQuotes.Add((silo, quoteId, discount, now + QuoteTimeToLive));
                    }

                    break;
                case 2 when openQuotes.Count > 0: // an order on an open quote commits its discount
                    var quote = openQuotes[amount % openQuotes.Count];
                    if (!ledger.Commit($"order-{quote.QuoteId}", [new LeaseDraw($"silo-{quote.Silo}", quote.QuoteId, quote.Discount)], now))
                    {
                        return false; // a reserved promise must always be committable
                    }

                    openQuotes.Remove(quote);
                    break;
                case 3:
                    ledger.ReclaimExpired(now, LeaseTimeToLive);
                    break;
                default:
                    now = now.AddSeconds(amount % 300);
                    break;
            }

            var promised = openQuotes.Sum(q => q.Discount);
            if (!ledger.IsConsistent || promised + ledger.Committed > Budget)
            {
                return false;
            }
        }

        return true;
    }
}
