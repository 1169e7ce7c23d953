using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.UnitTests.Policy;

/// <summary>The policy with campaign offers: duals, affordability, reservations, per-campaign caps, holdout and exploration.</summary>
public sealed class CampaignPricingTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly double[] Grid = [0, 0.1, 0.2, 0.3];

    /// <summary>p = 0.1 + discount × list price / 300: a 300-money item sells for sure at 30% off, with 10% at list.</summary>
    private sealed class LinearResponseModel : IResponseModel
    {
        public ResponseModelInfo Info { get; } = new("linear", "1", "test", FeatureDefinition.Version);

        public ValueTask<float[]> PredictAsync(FeatureMatrix rows, CancellationToken cancellationToken = default)
        {
            var result = new float[rows.Rows];
            for (var r = 0; r < rows.Rows; r++)
            {
                var row = rows.ReadRow(r);
                result[r] = (float)(0.1 + row[FeatureDefinition.DiscountColumn] * (Math.Exp(row[FeatureDefinition.IndexOf("log_list_price")]) - 1) / 300.0);
            }

            return ValueTask.FromResult(result);
        }
    }

    // List 300, cost 60: profit at 0/10/20/30% off = 0.1·240 = 24, 0.4·210 = 84, 0.7·180 = 126, 1.0·150 = 150.
    private static ProductFacts Product(string sku) => new(sku, "shoes", 300m, 60m, 0m, 0.3, 100, 0);

    /// <summary>A budget with a fixed amount free; <see cref="StolenOnFirstReserve"/> plays another quote taking money between read and reservation.</summary>
    private sealed class TestBudget(decimal free) : IDiscountBudget
    {
        public decimal StolenOnFirstReserve { get; set; }

        public List<(string QuoteId, decimal Amount)> Reserved { get; } = [];

        public decimal Free { get; private set; } = free;

        public bool TryReserve(string quoteId, decimal amount, DateTimeOffset expiresAt)
        {
            if (Reserved.Count == 0 && StolenOnFirstReserve > 0)
            {
                Free -= StolenOnFirstReserve;
                StolenOnFirstReserve = 0;
            }

            if (amount > Free)
            {
                return false;
            }

            Free -= amount;
            Reserved.Add((quoteId, amount));
            return true;
        }
    }

    private static CampaignOffer Terms(
        double lambda = 0, decimal affordable = 1_000_000m, int offersLeft = 5, bool holdout = false, double exploration = 0, IDiscountBudget? budget = null) =>
        new("spring", Grid, 0.3, offersLeft, new DualPrices(lambda, 0, new Dictionary<string, double>(), 1), exploration,
            budget ?? new TestBudget(affordable), 1, holdout);

    private static Task<IReadOnlyList<PriceDecision>> PriceAsync(IReadOnlyList<ProductFacts> products, params CampaignOffer?[] terms) =>
        PriceAsync(products, 5, terms);

    private static Task<IReadOnlyList<PriceDecision>> PriceAsync(IReadOnlyList<ProductFacts> products, int offersLeft, params CampaignOffer?[] terms) =>
        PriceAsync(products, offersLeft, logged: true, terms);

    private static async Task<IReadOnlyList<PriceDecision>> PriceAsync(IReadOnlyList<ProductFacts> products, int offersLeft, bool logged, params CampaignOffer?[] terms) =>
        await new QuotePolicy(new LinearResponseModel(), new PricingOptions { DiscountGrid = [.. Grid], MaxCustomerDiscount = 0.3, ExplorationRate = 0 })
            .DecideAsync(new QuoteInput(
                CustomerFeatureSnapshot.ColdStart(Now), new QuoteContext("web", Now),
                products.Select((product, p) => new QuoteLine(product, $"q-{product.Sku}", terms[p])).ToList(),
                offersLeft, Now.AddMinutes(15), new Random(1), logged));

    [Fact]
    public async Task Budget_price_turns_a_profitable_discount_off()
    {
        var free = (await PriceAsync([Product("A")], Terms(lambda: 0))).Single();
        // λ = 6: 10% off is worth 84 − 6·0.4·30 = 12, deeper levels less, list price 24.
        var priced = (await PriceAsync([Product("A")], Terms(lambda: 6))).Single();

        Assert.Equal((0.3, 1.0, "spring"), (free.Discount, free.Propensity, free.Campaign?.CampaignId));
        Assert.Equal(0, priced.Discount);
        Assert.Equal([DecisionReasons.CampaignOptimal, DecisionReasons.NewCustomer], priced.Reasons);
    }

    [Fact]
    public async Task Only_levels_the_lease_can_fund_are_chosen()
    {
        // 50 affords 10% off (30) but not 20% (60).
        var decision = (await PriceAsync([Product("A")], Terms(affordable: 50m))).Single();

        Assert.Equal(0.1, decision.Discount);
        Assert.Equal(270m, decision.Price);
        Assert.Contains(DecisionReasons.CampaignBudgetExhausted, decision.Reasons);
    }

    [Fact]
    public async Task The_campaign_cap_holds_within_one_quote()
    {
        var decisions = await PriceAsync([Product("A"), Product("B")], Terms(offersLeft: 1), Terms(offersLeft: 1));

        Assert.Equal([0.3, 0], decisions.Select(d => d.Discount));
        Assert.Contains(DecisionReasons.DailyDiscountCapReached, decisions[1].Reasons);
    }

    [Fact]
    public async Task Holdout_is_list_price_with_certainty_even_when_exploring()
    {
        var decision = (await PriceAsync([Product("A")], Terms(holdout: true, exploration: 0.5))).Single();

        Assert.Equal((0.0, 1.0), (decision.Discount, decision.Propensity));
        Assert.Contains(DecisionReasons.CampaignHoldout, decision.Reasons);
    }

    [Fact]
    public async Task Certain_exploration_logs_a_uniform_propensity()
    {
        var decisions = await PriceAsync([Product("A"), Product("B"), Product("C")], Terms(exploration: 1), Terms(exploration: 1), Terms(exploration: 1));

        Assert.All(decisions, d => Assert.Equal(0.25, d.Propensity, 12));
        Assert.All(decisions, d => Assert.Contains(DecisionReasons.CampaignExploration, d.Reasons));
    }

    [Fact]
    public async Task A_quote_the_log_will_not_hold_takes_each_campaign_line_at_its_optimal_level()
    {
        var logged = await PriceAsync([Product("A"), Product("B"), Product("C")], 5, logged: true, Terms(exploration: 1), Terms(exploration: 1), Terms(exploration: 1));
        var unlogged = await PriceAsync([Product("A"), Product("B"), Product("C")], 5, logged: false, Terms(exploration: 1), Terms(exploration: 1), Terms(exploration: 1));
        var optimal = await PriceAsync([Product("A"), Product("B"), Product("C")], Terms(), Terms(), Terms());

        Assert.All(logged, d => Assert.Contains(DecisionReasons.CampaignExploration, d.Reasons));
        Assert.All(unlogged, d => Assert.Contains(DecisionReasons.CampaignOptimal, d.Reasons));
        Assert.Equal(optimal.Select(d => (d.Discount, d.Propensity)), unlogged.Select(d => (d.Discount, d.Propensity)));
    }

    [Fact]
    public async Task Exploration_shrinks_while_the_budget_is_priced()
    {
        // λ = 3: ε = 1 / (1 + 3) = 0.25. Values: list 24, 10% off 84 − 3·0.4·30 = 48, 20% off 126 − 3·0.7·60 = 0,
        // 30% off 150 − 270 < 0, so 10% off is greedy; a drawn level's propensity is 0.75·[greedy] + 0.25 / 4.
        var decisions = await PriceAsync([Product("A"), Product("B"), Product("C"), Product("D")],
            Terms(lambda: 3, exploration: 1), Terms(lambda: 3, exploration: 1), Terms(lambda: 3, exploration: 1), Terms(lambda: 3, exploration: 1));

        Assert.All(decisions, d => Assert.Equal(d.Discount == 0.1 ? 0.8125 : 0.0625, d.Propensity, 12));
    }

    [Fact]
    public async Task Skus_outside_campaigns_keep_the_plain_profit_rule()
    {
        var decisions = await PriceAsync([Product("A"), Product("B")], Terms(lambda: 6), null);

        Assert.Equal([0, 0.3], decisions.Select(d => d.Discount));
        Assert.Null(decisions[1].Campaign);
    }

    [Fact]
    public async Task A_campaign_decision_reserves_its_discount_under_the_quote_id()
    {
        var budget = new TestBudget(1000m);

        var decision = (await PriceAsync([Product("A")], Terms(budget: budget))).Single();

        Assert.Equal([("q-A", 90m)], budget.Reserved);
        Assert.Equal(new CampaignReservation("spring", 90m, 1, Holdout: false), decision.Campaign);
    }

    [Fact]
    public async Task A_line_whose_reservation_fails_is_decided_again_within_what_is_left_with_only_the_reasons_that_apply()
    {
        // 100 free when read, but another quote takes 60 before this one reserves: 30% off (90) no longer fits, 10% off (30) does.
        var budget = new TestBudget(100m) { StolenOnFirstReserve = 60m };

        var decision = (await PriceAsync([Product("A")], Terms(budget: budget))).Single();

        Assert.Equal((0.1, 270m), (decision.Discount, decision.Price));
        Assert.Equal([("q-A", 30m)], budget.Reserved);
        Assert.Equal([DecisionReasons.CampaignOptimal, DecisionReasons.CampaignBudgetExhausted, DecisionReasons.NewCustomer], decision.Reasons);
    }

    [Fact]
    public async Task A_budget_refused_quote_is_at_list_price_and_says_only_that_the_budget_is_exhausted()
    {
        // Offers are left for the day; only the budget is empty. The old two-pass path also claimed the daily cap.
        var budget = new TestBudget(0m);

        var decision = (await PriceAsync([Product("A")], 5, Terms(budget: budget))).Single();

        Assert.Equal((0.0, 300m), (decision.Discount, decision.Price));
        Assert.Empty(budget.Reserved);
        Assert.Equal([DecisionReasons.CampaignOptimal, DecisionReasons.CampaignBudgetExhausted, DecisionReasons.NewCustomer], decision.Reasons);
    }

    [Fact]
    public async Task The_customer_cap_applies_to_campaign_lines_before_the_others()
    {
        var decisions = await PriceAsync([Product("A"), Product("B")], 1, Terms(), null);

        Assert.Equal([0.3, 0], decisions.Select(d => d.Discount));
        Assert.Equal([DecisionReasons.ListPriceMostProfitable, DecisionReasons.DailyDiscountCapReached, DecisionReasons.NewCustomer], decisions[1].Reasons);
    }
}
