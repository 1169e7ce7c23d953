using FsCheck.Xunit;
using OrleansPricing.Pricing.Campaigns;

namespace OrleansPricing.UnitTests.Campaigns;

/// <summary>
/// Property tests over random interleavings of lease grants, quote reservations, expiries, order commits (with replays),
/// lease returns and reclaims of silent holders. Fixed replay seeds keep every run identical.
/// </summary>
public sealed class BudgetPropertyTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LeaseTimeToLive = TimeSpan.FromMinutes(30);

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
            switch (kind % 5)
            {
                case 0:
                    ledger.Grant(holder, money, now);
                    break;
                case 1:
                    var orderId = $"order-{amount % 40}";
                    var replay = ledger.CommittedOrders.ContainsKey(orderId);
                    ledger.Commit(orderId, holder, money / 10, now);
                    if (replay && ledger.Committed != committedBefore)
                    {
                        return false; // a replayed commit must change nothing
                    }

                    break;
                case 2:
                    ledger.Return(holder, money, now);
                    break;
                case 3:
                    ledger.ReclaimExpired(now, LeaseTimeToLive);
                    break;
                default:
                    now = now.AddSeconds(amount % 3600);
                    break;
            }

            if (!ledger.IsConsistent || ledger.Committed < committedBefore)
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 300, Replay = "(2345678,8765433)")]
    public bool Local_reservations_never_exceed_the_lease((byte Kind, ushort Amount)[] operations)
    {
        var local = new LocalBudget();
        foreach (var (kind, amount) in operations)
        {
            var money = amount / 100m;
            switch (kind % 5)
            {
                case 0: local.AddGrant(money); break;
                case 1: local.TryReserve(money / 5); break;
                case 2: local.Release(money / 5); break;
                case 3: local.Spent(money / 5); break;
                default: local.TakeUnreserved(); break;
            }

            if (local.Reserved < 0 || local.Reserved > local.Balance || local.Balance < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Two silos serve quotes from leases; orders commit through the coordinator, quotes expire, leases come back or are
    /// reclaimed. At every step, money promised in open quotes plus money spent stays within the budget.
    /// </summary>
    [Property(MaxTest = 300, Replay = "(3456789,9876543)")]
    public bool Promised_plus_spent_never_exceeds_the_budget((byte Kind, byte Silo, ushort Amount)[] operations)
    {
        const decimal Budget = 500m;
        var ledger = new BudgetLedger { Budget = Budget };
        var silos = new[] { new LocalBudget(), new LocalBudget() };
        var openQuotes = new List<(int Silo, string QuoteId, decimal Discount)>();
        var now = Start;
        var next = 0;
        foreach (var (kind, siloByte, amount) in operations)
        {
            var silo = siloByte % 2;
            var holder = $"silo-{silo}";
            switch (kind % 6)
            {
                case 0: // lease top-up
                    silos[silo].AddGrant(ledger.Grant(holder, amount / 100m, now));
                    break;
                case 1: // a quote promises a discount if the local lease can cover it
                    var discount = amount % 2000 / 100m;
                    if (silos[silo].TryReserve(discount))
                    {
                        openQuotes.Add((silo, $"quote-{next++}", discount));
                    }

                    break;
                case 2 when openQuotes.Count > 0: // an order on an open quote commits its discount
                    var (quoteSilo, quoteId, quoted) = openQuotes[amount % openQuotes.Count];
                    if (!ledger.Commit(quoteId, $"silo-{quoteSilo}", quoted, now))
                    {
                        return false; // a reserved promise must always be committable
                    }

                    silos[quoteSilo].Spent(quoted);
                    openQuotes.RemoveAll(q => q.QuoteId == quoteId);
                    break;
                case 3 when openQuotes.Count > 0: // a quote expires
                    var expired = openQuotes[amount % openQuotes.Count];
                    silos[expired.Silo].Release(expired.Discount);
                    openQuotes.Remove(expired);
                    break;
                case 4: // the silo hands back what it does not need
                    ledger.Return(holder, silos[silo].TakeUnreserved(), now);
                    break;
                default:
                    now = now.AddSeconds(amount % 600);
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
