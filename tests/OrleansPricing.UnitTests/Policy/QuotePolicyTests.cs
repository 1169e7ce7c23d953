using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.UnitTests.Policy;

public sealed class QuotePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Isolates the policy from the logistic model (tested on its own): purchase probability is a fixed function of
    /// the list price and discount columns, so each SKU's best level is known in advance.
    /// </summary>
    private sealed class PriceSensitiveModel(string version = "1") : IResponseModel
    {
        public ResponseModelInfo Info { get; } = new("price-sensitive", version, "test", FeatureDefinition.Version);

        public int Calls { get; private set; }

        public ValueTask<float[]> PredictAsync(FeatureMatrix rows, CancellationToken cancellationToken = default)
        {
            Calls++;
            var result = new float[rows.Rows];
            for (var r = 0; r < rows.Rows; r++)
            {
                var row = rows.ReadRow(r);
                var listPrice = Math.Exp(row[FeatureDefinition.IndexOf("log_list_price")]) - 1;
                // Expensive items respond more strongly to discounts.
                result[r] = (float)(0.1 + row[FeatureDefinition.DiscountColumn] * listPrice / 100.0);
            }

            return ValueTask.FromResult(result);
        }
    }

    /// <summary>The price-sensitive model active; the shadow flat (its best level list price) or, <paramref name="alike"/>, scoring as the active one does.</summary>
    private sealed class ModelWithShadow(bool alike = false, string version = "1") : IResponseModel
    {
        private readonly PriceSensitiveModel _active = new(version);

        public ResponseModelInfo Info => _active.Info;

        public ValueTask<float[]> PredictAsync(FeatureMatrix rows, CancellationToken cancellationToken = default) => _active.PredictAsync(rows, cancellationToken);

        public async ValueTask<(float[] Active, TrialScores? Shadow)> PredictWithShadowAsync(FeatureMatrix rows, CancellationToken cancellationToken = default)
        {
            var active = await _active.PredictAsync(rows, cancellationToken);
            return (active, new TrialScores("flat@2", alike ? active : Enumerable.Repeat(0.1f, rows.Rows).ToArray()));
        }
    }

    private static ProductFacts Product(string sku, decimal listPrice) =>
        new(sku, "shoes", listPrice, listPrice * 0.2m, 0m, 0.3, 100, 0);

    private static PricingOptions Options(double exploration = 0, double shadowShare = 0.5) =>
        new() { DiscountGrid = [0, 0.1, 0.2, 0.3], MaxCustomerDiscount = 0.3, ExplorationRate = exploration, ShadowTrafficShare = shadowShare };

    private static QuoteInput Input(IReadOnlyList<ProductFacts> products, int offersLeft, int seed = 1, bool logged = true) => new(
        CustomerFeatureSnapshot.ColdStart(Now), new QuoteContext("web", Now),
        products.Select(product => new QuoteLine(product, $"q-{product.Sku}")).ToList(), offersLeft, Now.AddMinutes(15), new Random(seed), logged);

    /// <summary>PRICEY quoted once per seed 0…<paramref name="seeds"/> − 1 with 5 offers left: the draws of that many quotes.</summary>
    private static async Task<List<PriceDecision>> PriceyOverSeedsAsync(QuotePolicy policy, int seeds, bool logged = true)
    {
        var decisions = new List<PriceDecision>();
        for (var seed = 0; seed < seeds; seed++)
        {
            decisions.AddRange(await policy.DecideAsync(Input([Product("PRICEY", 400m)], 5, seed, logged)));
        }

        return decisions;
    }

    [Fact]
    public async Task Scores_all_skus_and_levels_in_one_model_call()
    {
        var model = new PriceSensitiveModel();
        var policy = new QuotePolicy(model, Options());

        var decisions = await policy.DecideAsync(Input([Product("A", 100m), Product("B", 300m)], 5));

        Assert.Equal(1, model.Calls);
        Assert.Equal(["A", "B"], decisions.Select(d => d.Sku));
        Assert.All(decisions, d => Assert.Contains(DecisionReasons.NewCustomer, d.Reasons));
    }

    [Fact]
    public async Task Daily_cap_keeps_the_discounts_that_gain_most()
    {
        var policy = new QuotePolicy(new PriceSensitiveModel(), Options());
        ProductFacts[] products = [Product("CHEAP", 50m), Product("PRICEY", 400m), Product("MID", 200m)];

        var uncapped = await policy.DecideAsync(Input(products, 5));
        var capped = await policy.DecideAsync(Input(products, 1));

        Assert.All(uncapped, d => Assert.True(d.Discount > 0, $"{d.Sku} expected a discount without the cap"));
        Assert.Equal(1, capped.Count(d => d.Discount > 0));
        Assert.True(capped.Single(d => d.Sku == "PRICEY").Discount > 0);
        Assert.Contains(DecisionReasons.DailyDiscountCapReached, capped.Single(d => d.Sku == "CHEAP").Reasons);
        Assert.Equal(50m, capped.Single(d => d.Sku == "CHEAP").Price);
    }

    [Theory]
    [InlineData(0.0, 0.2)]
    [InlineData(0.4, 0.2)] // 10% off (140) gives up 76 of 20% off's gain of 184 over list price (32): more than 40%
    [InlineData(0.45, 0.1)]
    public async Task The_depth_tolerance_reaches_the_quotes(double depthTolerance, double expected)
    {
        // PRICEY (list 400, cost 80): expected profit 32 at list, 140 at 10% off, 216 at 20% off, 200 at 30% off.
        var options = Options();
        options.DepthTolerance = depthTolerance;
        var policy = new QuotePolicy(new PriceSensitiveModel(), options);

        var decision = (await policy.DecideAsync(Input([Product("PRICEY", 400m)], 5))).Single();

        Assert.Equal(expected, decision.Discount, 12);
    }

    [Fact]
    public async Task No_offers_left_means_list_prices()
    {
        var policy = new QuotePolicy(new PriceSensitiveModel(), Options());

        var decisions = await policy.DecideAsync(Input([Product("A", 400m)], 0));

        Assert.Equal(400m, decisions.Single().Price);
    }

    [Fact]
    public async Task Exploration_picks_allowed_levels_with_their_exact_propensity()
    {
        // PRICEY's best level is 20% off (p = 0.9, profit 0.9·240 = 216 against 1·200 at 30%); all four levels are allowed, so at ε = 0.5 the best is logged with
        // 0.5 + 0.5/4 = 0.625 and every other level with 0.5/4 = 0.125.
        var policy = new QuotePolicy(new PriceSensitiveModel(), Options(exploration: 0.5));

        var decisions = await PriceyOverSeedsAsync(policy, 2000);

        Assert.All(decisions, d => Assert.Equal(d.Discount == 0.2 ? 0.625 : 0.125, d.Propensity, 12));
        // Every line, explored or not, logs the whole distribution it was drawn from.
        Assert.All(decisions, d => Assert.Equal([(0.0, 0.125), (0.1, 0.125), (0.2, 0.625), (0.3, 0.125)], d.Policy!));
        Assert.All(decisions.Where(d => d.Discount != 0.2), d => Assert.Equal([DecisionReasons.Exploration, DecisionReasons.NewCustomer], d.Reasons));
        // Each other level is drawn with probability 0.125: 250 of 2000 expected, binomial s.d. 14.8; seeded, so fixed.
        Assert.All(new[] { 0.0, 0.1, 0.3 }, level => Assert.InRange(decisions.Count(d => d.Discount == level), 200, 300));
    }

    [Fact]
    public async Task A_quote_the_decision_log_will_not_hold_is_neither_explored_nor_given_a_policy()
    {
        // The same 2,000 quotes as above at ε = 0.5, with a shadow on 30% of them, but not logged: every line at its arm's
        // best level (the active's 20%, the shadow's list price), none drawn, none carrying a distribution. Logged, about
        // half of them are drawn (ε = 0.5), so the test tells the two apart.
        var policy = new QuotePolicy(new ModelWithShadow(), Options(exploration: 0.5, shadowShare: 0.3));

        var unlogged = await PriceyOverSeedsAsync(policy, 2000, logged: false);
        var logged = await PriceyOverSeedsAsync(policy, 2000);

        Assert.All(unlogged, d => Assert.Equal(d.PricedBy is null ? 0.2 : 0.0, d.Discount));
        Assert.All(unlogged, d => Assert.DoesNotContain(DecisionReasons.Exploration, d.Reasons));
        Assert.All(unlogged, d => Assert.Equal((null, null, null), (d.Policy, d.ExplorationCost, d.ExploredFrom)));
        // The trial itself goes on: the arms are drawn as when logged (the same seeds, the same first draw of each quote).
        Assert.Equal(logged.Select(d => d.PricedBy), unlogged.Select(d => d.PricedBy));
        Assert.InRange(logged.Count(d => d.Reasons.Contains(DecisionReasons.Exploration)), 900, 1100);
    }

    [Fact]
    public async Task An_exploration_draw_carries_the_expected_profit_its_model_gave_up_and_the_level_it_replaced()
    {
        // PRICEY's expected profit by level: 32 at list, 140 at 10% off, 216 at 20% (the best), 200 at 30% (the model scores
        // in single precision). A draw gives up 216 less the drawn level's and replaces 20%; a draw of the best level gives
        // up nothing; a line not explored carries neither.
        var policy = new QuotePolicy(new PriceSensitiveModel(), Options(exploration: 0.5));

        var decisions = await PriceyOverSeedsAsync(policy, 400);

        var given = new Dictionary<double, double> { [0.0] = 184, [0.1] = 76, [0.2] = 0, [0.3] = 16 };
        Assert.All(decisions.Where(d => d.Reasons.Contains(DecisionReasons.Exploration)), d => Assert.Equal(given[d.Discount], d.ExplorationCost!.Value, 3));
        Assert.All(decisions.Where(d => d.Reasons.Contains(DecisionReasons.Exploration)), d => Assert.Equal(0.2, d.ExploredFrom));
        Assert.All(decisions.Where(d => !d.Reasons.Contains(DecisionReasons.Exploration)), d => Assert.Equal((null, null), (d.ExplorationCost, d.ExploredFrom)));
        // Every level drawn, the best among them (seeded, so fixed).
        Assert.Equal(4, decisions.Where(d => d.Reasons.Contains(DecisionReasons.Exploration)).Select(d => d.Discount).Distinct().Count());
    }

    [Fact]
    public async Task Aimed_exploration_draws_around_the_depth_a_customer_paid_with_its_exact_propensity()
    {
        // Four purchases, two of them at 10% off a list price of 100 (paid 90 each): discount_depth 0.5 × 20 / 200 = 5% over
        // a discounted share of 0.5, a usual depth of 10%, so the aimed levels are 10% and the next deeper, 20%. At ε = 0.5
        // and a = 0.5 each level takes ε·(1 − a)/4 = 0.0625 from the uniform draws, and 10% and 20% ε·a/2 = 0.125 each
        // from the aimed ones; PRICEY's best, 20%, adds 1 − ε: 0.6875, 10% 0.1875, list price and 30% 0.0625 (sum 1).
        var options = Options(exploration: 0.5);
        options.AimedExplorationShare = 0.5;
        var policy = new QuotePolicy(new PriceSensitiveModel(), options);
        var customer = CustomerFeatureSnapshot.ColdStart(Now) with { LifetimePurchases = 4, DiscountedPurchases = 2, LifetimeSpend = 380m, DiscountReceived = 20m, DiscountedSpend = 180m };

        var decisions = new List<PriceDecision>();
        for (var seed = 0; seed < 2000; seed++)
        {
            decisions.AddRange(await policy.DecideAsync(Input([Product("PRICEY", 400m)], 5, seed) with { Customer = customer }));
        }

        var expected = new Dictionary<double, double> { [0.0] = 0.0625, [0.1] = 0.1875, [0.2] = 0.6875, [0.3] = 0.0625 };
        Assert.All(decisions, d => Assert.Equal(expected[d.Discount], d.Propensity, 12));
        Assert.All(decisions, d => Assert.Equal(expected.Select(level => (level.Key, level.Value)), d.Policy!));
        // 10% is drawn with probability 0.1875 (375 of 2000 expected, s.d. 17.5), list price and 30% with 0.0625 each
        // (125, s.d. 10.8); seeded, so fixed.
        Assert.InRange(decisions.Count(d => d.Discount == 0.1), 320, 430);
        Assert.All(new[] { 0.0, 0.3 }, level => Assert.InRange(decisions.Count(d => d.Discount == level), 90, 160));
    }

    [Fact]
    public async Task Aimed_exploration_is_uniform_for_a_customer_who_never_paid_below_list_price()
    {
        // The cold-start customer has no usual depth: the propensities of uniform exploration (the test above it), whatever a.
        var options = Options(exploration: 0.5);
        options.AimedExplorationShare = 0.5;
        var policy = new QuotePolicy(new PriceSensitiveModel(), options);

        var decisions = await PriceyOverSeedsAsync(policy, 500);

        Assert.All(decisions, d => Assert.Equal(d.Discount == 0.2 ? 0.625 : 0.125, d.Propensity, 12));
    }

    [Theory]
    [InlineData(0.0f, new int[0])]
    [InlineData(0.02f, new int[0])] // shallower than the first discount, beyond the margin
    [InlineData(0.08f, new[] { 1, 2 })] // 10% within the margin of 8%
    [InlineData(0.1f, new[] { 1, 2 })]
    [InlineData(0.22f, new[] { 2, 3 })]
    [InlineData(0.5f, new[] { 3 })] // deeper than any allowed level: the deepest alone
    public void The_aimed_levels_are_the_level_at_the_usual_depth_and_the_next_deeper(float usualDepth, int[] expected)
    {
        Assert.Equal(expected, QuotePolicy.AimedLevels([0, 0.1, 0.2, 0.3], [0, 1, 2, 3], usualDepth));
    }

    [Fact]
    public void The_aimed_levels_are_among_the_allowed_ones()
    {
        // A maximum at 10% (say the product's): a usual depth of 22% aims at 10% alone; no discount allowed (the daily
        // cap reached), at nothing.
        Assert.Equal([1], QuotePolicy.AimedLevels([0, 0.1, 0.2, 0.3], [0, 1], 0.22f));
        Assert.Empty(QuotePolicy.AimedLevels([0, 0.1, 0.2, 0.3], [0], 0.22f));
    }

    /// <summary>
    /// <paramref name="sku"/> at <paramref name="listPrice"/> quoted once per seed 0…<paramref name="seeds"/> − 1. SHALLOW
    /// (15): expected profit 1.2 at list price, 1.2075 at 10% off (the best, 0.625% above list price's), 1.17 at 20%,
    /// 1.0875 at 30%. CHEAP (25): 2.0, 2.1875, 2.25 at 20% (the best, 12.5% above list price's), 2.1875.
    /// </summary>
    private static async Task<List<PriceDecision>> QuotedOverSeedsAsync(QuotePolicy policy, string sku, decimal listPrice, int seeds)
    {
        var decisions = new List<PriceDecision>();
        for (var seed = 0; seed < seeds; seed++)
        {
            decisions.AddRange(await policy.DecideAsync(Input([Product(sku, listPrice)], 5, seed)));
        }

        return decisions;
    }

    private static Task<List<PriceDecision>> ShallowOverSeedsAsync(QuotePolicy policy, int seeds) => QuotedOverSeedsAsync(policy, "SHALLOW", 15m, seeds);

    /// <summary>The list-price check at <paramref name="rate"/>, and the learned versions exploring as much as the prior (the check acts once a learned version is active).</summary>
    private static PricingOptions WithListPriceCheck(PricingOptions options, double rate = 0.25)
    {
        options.ListPriceCheckRate = rate;
        options.LearnedExplorationRate = options.ExplorationRate;
        return options;
    }

    private static readonly string Learned = LearnedVersions.Name(3);

    [Fact]
    public async Task The_list_price_check_quotes_a_shallowest_discount_the_model_barely_prefers_at_list_price_with_its_exact_propensity()
    {
        // SHALLOW's best, 10% off (the grid's shallowest discount), beats list price by 0.625%, under the check's 15%. At
        // ε = 0.5 and c = 0.25 over four allowed levels, 10% is logged with (1 − ε)(1 − c) + ε/4 = 0.5, list price with
        // (1 − ε)·c + ε/4 = 0.25, 20% and 30% with 0.125.
        var policy = new QuotePolicy(new PriceSensitiveModel(Learned), WithListPriceCheck(Options(exploration: 0.5)));

        var decisions = await ShallowOverSeedsAsync(policy, 2000);

        var expected = new Dictionary<double, double> { [0.0] = 0.25, [0.1] = 0.5, [0.2] = 0.125, [0.3] = 0.125 };
        Assert.All(decisions, d => Assert.Equal(expected[d.Discount], d.Propensity, 12));
        Assert.All(decisions, d => Assert.Equal(expected.Select(level => (level.Key, level.Value)), d.Policy!.Select(level => (level.Discount, Math.Round(level.Probability, 12)))));
        // A checked line is an exploration draw that names the check, gives up the best's gain (0.0075) and replaced 10%.
        var checkedLines = decisions.Where(d => d.Reasons.Contains(DecisionReasons.ListPriceCheck)).ToList();
        Assert.All(checkedLines, d => Assert.Equal([DecisionReasons.Exploration, DecisionReasons.ListPriceCheck, DecisionReasons.NewCustomer], d.Reasons));
        Assert.All(checkedLines, d => Assert.Equal((0.0, 0.1), (d.Discount, d.ExploredFrom)));
        Assert.All(checkedLines, d => Assert.Equal(0.0075, d.ExplorationCost!.Value, 5));
        // Checked: (1 − ε)·c = 0.125 of 2000, 250 expected (s.d. 14.8), list price in all 0.25, 500 (s.d. 19.4): seeded, so the counts are exact.
        Assert.Equal(249, checkedLines.Count);
        Assert.Equal(499, decisions.Count(d => d.Discount == 0));
        Assert.All(decisions.Where(d => !d.Reasons.Contains(DecisionReasons.Exploration)), d => Assert.Equal(0.1, d.Discount));
    }

    [Fact]
    public async Task The_list_price_check_leaves_deeper_discounts_and_those_the_model_clearly_prefers_and_works_without_exploration()
    {
        // CHEAP's best, 20% off, beats list price by only 12.5% but is not the shallowest discount; PRICEY's, 20% off,
        // beats list price's 32 by 575%: neither checked, their propensities those of exploration alone.
        var policy = new QuotePolicy(new PriceSensitiveModel(Learned), WithListPriceCheck(Options(exploration: 0.5)));
        var deeper = await QuotedOverSeedsAsync(policy, "CHEAP", 25m, 500);
        var clear = await PriceyOverSeedsAsync(policy, 500);
        Assert.All(deeper.Concat(clear), d => Assert.Equal(d.Discount == 0.2 ? 0.625 : 0.125, d.Propensity, 12));
        Assert.All(deeper.Concat(clear), d => Assert.DoesNotContain(DecisionReasons.ListPriceCheck, d.Reasons));

        // SHALLOW without exploration: 10% with 0.75, list price with 0.25, the other levels allowed at 0.
        var shallow = await ShallowOverSeedsAsync(new QuotePolicy(new PriceSensitiveModel(Learned), WithListPriceCheck(Options(exploration: 0))), 400);
        Assert.All(shallow, d => Assert.Equal([(0.0, 0.25), (0.1, 0.75), (0.2, 0.0), (0.3, 0.0)], d.Policy!.Select(level => (level.Discount, Math.Round(level.Probability, 12)))));
        Assert.All(shallow, d => Assert.Equal(d.Discount == 0 ? 0.25 : 0.75, d.Propensity, 12));
        Assert.All(shallow, d => Assert.Equal(d.Discount == 0, d.Reasons.Contains(DecisionReasons.ListPriceCheck)));
        // 100 of 400 at list price expected (s.d. 8.7): seeded, so the count is exact.
        Assert.Equal(100, shallow.Count(d => d.Discount == 0));
    }

    [Fact]
    public async Task While_the_prior_is_active_nothing_is_checked()
    {
        // The same SHALLOW quotes with a version the learning service did not learn active: exploration's propensities alone.
        var policy = new QuotePolicy(new PriceSensitiveModel(), WithListPriceCheck(Options(exploration: 0.5)));

        var decisions = await ShallowOverSeedsAsync(policy, 500);

        Assert.All(decisions, d => Assert.Equal(d.Discount == 0.1 ? 0.625 : 0.125, d.Propensity, 12));
        Assert.All(decisions, d => Assert.DoesNotContain(DecisionReasons.ListPriceCheck, d.Reasons));
    }

    [Fact]
    public async Task Under_a_trial_a_line_logs_the_list_price_check_of_whichever_version_could_have_priced_it()
    {
        // SHALLOW: the active version's best is 10% off (checked with c = 0.25), the flat shadow's list price (nothing to
        // check), on 30% of quotes. Either arm logs (1 − ε)·[0.7·((1 − c)·1(10%) + c·1(list)) + 0.3·1(list)] + ε/4: list
        // price 0.5·(0.175 + 0.3) + 0.125 = 0.3625, 10% 0.5·0.525 + 0.125 = 0.3875, 20% and 30% 0.125.
        var policy = new QuotePolicy(new ModelWithShadow(version: Learned), WithListPriceCheck(Options(exploration: 0.5, shadowShare: 0.3)));

        var decisions = await ShallowOverSeedsAsync(policy, 2000);

        var expected = new Dictionary<double, double> { [0.0] = 0.3625, [0.1] = 0.3875, [0.2] = 0.125, [0.3] = 0.125 };
        Assert.All(decisions, d => Assert.Equal(expected[d.Discount], d.Propensity, 12));
        Assert.All(decisions, d => Assert.Equal(expected.Values, d.Policy!.Select(level => Math.Round(level.Probability, 12))));
        // Only the active version's arm checks: the shadow's level is list price already.
        Assert.All(decisions.Where(d => d.Reasons.Contains(DecisionReasons.ListPriceCheck)), d => Assert.Null(d.PricedBy));
        Assert.Contains(decisions, d => d.Reasons.Contains(DecisionReasons.ListPriceCheck));
    }

    [Fact]
    public async Task A_learned_active_version_explores_at_the_learned_rate()
    {
        // The same quotes with the active version one the learning service registered: ε = LearnedExplorationRate 0.1, so
        // the best level is logged with 0.9 + 0.1/4 = 0.925 and every other level with 0.025.
        var options = Options(exploration: 0.5);
        options.LearnedExplorationRate = 0.1;
        var policy = new QuotePolicy(new PriceSensitiveModel(LearnedVersions.Name(3)), options);

        var decisions = await PriceyOverSeedsAsync(policy, 2000);

        Assert.All(decisions, d => Assert.Equal(d.Discount == 0.2 ? 0.925 : 0.025, d.Propensity, 12));
        // Explored lines: 10% of 2000 expected, binomial s.d. 13.4; seeded, so fixed.
        Assert.InRange(decisions.Count(d => d.Reasons.Contains(DecisionReasons.Exploration)), 160, 240);
    }

    [Fact]
    public async Task A_shadow_on_trial_prices_its_share_of_quotes_and_every_line_logs_the_mixture_propensity()
    {
        // PRICEY: the active model's best level is 20% off, the shadow's is list price. With ε = 0.5 over four levels and
        // the shadow on 30% of quotes, a level is logged with (1 − ε)·[0.7·1(20%) + 0.3·1(0%)] + ε/4, whichever version priced it.
        var policy = new QuotePolicy(new ModelWithShadow(), Options(exploration: 0.5, shadowShare: 0.3));

        var decisions = await PriceyOverSeedsAsync(policy, 2000);

        Assert.All(decisions, d => Assert.Equal(d.Discount switch { 0.2 => 0.475, 0.0 => 0.275, _ => 0.125 }, d.Propensity, 12));
        // The shadow's arm and the active's log the same distribution: either could have priced the quote.
        Assert.All(decisions, d => Assert.Equal([0.275, 0.125, 0.475, 0.125], d.Policy!.Select(level => Math.Round(level.Probability, 12))));
        var onTrial = decisions.Where(d => d.PricedBy is not null).ToList();
        Assert.All(onTrial, d => Assert.Equal("flat@2", d.PricedBy));
        Assert.All(onTrial, d => Assert.Contains(DecisionReasons.ShadowTrial, d.Reasons));
        Assert.All(decisions.Where(d => d.PricedBy is null), d => Assert.DoesNotContain(DecisionReasons.ShadowTrial, d.Reasons));
        // Every line of a quote the trial drew names its arm, for the learning run's comparison of what each arm earned, and
        // whether the arm decided its level: the versions differ here, so every line at either one's level (not 10% or 30%, which only exploration quotes).
        Assert.All(decisions, d => Assert.Equal(d.PricedBy is not null, d.ShadowArm));
        Assert.All(decisions, d => Assert.Equal(d.Discount is 0.2 or 0.0, d.TrialLevelsDiffer));
        // 600 of 2000 expected on trial, binomial s.d. 20.5; seeded, so fixed. Not explored, the trial quotes are at list price.
        Assert.InRange(onTrial.Count, 540, 660);
        Assert.All(onTrial.Where(d => !d.Reasons.Contains(DecisionReasons.Exploration)), d => Assert.Equal(0.0, d.Discount));
        Assert.All(decisions.Where(d => d.PricedBy is null && !d.Reasons.Contains(DecisionReasons.Exploration)), d => Assert.Equal(0.2, d.Discount));
    }

    [Fact]
    public async Task Without_exploration_a_trial_line_logs_every_allowed_level_those_no_arm_chose_at_0()
    {
        // The active version's best is 20% off, the shadow's list price, on 30% of quotes: either arm's line could have
        // been quoted at list price with 0.3 and 20% off with 0.7; 10% and 30% are allowed but nothing would quote them.
        var policy = new QuotePolicy(new ModelWithShadow(), Options(exploration: 0, shadowShare: 0.3));

        var decisions = await PriceyOverSeedsAsync(policy, 50);

        Assert.All(decisions, d => Assert.Equal([(0.0, 0.3), (0.1, 0.0), (0.2, 0.7), (0.3, 0.0)], d.Policy!.Select(level => (level.Discount, Math.Round(level.Probability, 12)))));
    }

    [Fact]
    public async Task Where_both_versions_choose_alike_no_line_of_either_arm_is_marked_as_decided_by_its_arm()
    {
        var policy = new QuotePolicy(new ModelWithShadow(alike: true), Options(exploration: 0.5, shadowShare: 0.3));

        var decisions = await PriceyOverSeedsAsync(policy, 400);

        Assert.Contains(decisions, d => d.ShadowArm == true);
        Assert.Contains(decisions, d => d.ShadowArm == false);
        Assert.All(decisions, d => Assert.False(d.TrialLevelsDiffer));
    }

    [Fact]
    public async Task No_trial_when_the_share_is_zero()
    {
        var off = new QuotePolicy(new ModelWithShadow(), Options(shadowShare: 0));

        var decisions = await PriceyOverSeedsAsync(off, 200);

        Assert.All(decisions, d => Assert.Null(d.PricedBy));
        Assert.All(decisions, d => Assert.Null(d.ShadowArm));
        Assert.All(decisions, d => Assert.Null(d.TrialLevelsDiffer));
        Assert.All(decisions, d => Assert.Equal((0.2, 1.0), (d.Discount, d.Propensity)));
        Assert.All(decisions, d => Assert.Null(d.Policy));
    }

    [Fact]
    public async Task Exploration_never_breaks_the_daily_cap()
    {
        var policy = new QuotePolicy(new PriceSensitiveModel(), Options(exploration: 0.5));
        var capped = 0;

        for (var seed = 0; seed < 500; seed++)
        {
            var decisions = await policy.DecideAsync(Input([Product("A", 400m), Product("B", 300m), Product("C", 200m)], 1, seed));
            Assert.True(decisions.Count(d => d.Discount > 0) <= 1, $"seed {seed}: {string.Join(", ", decisions.Select(d => d.Discount))}");
            var sentBack = decisions.Where(d => d.Reasons.Contains(DecisionReasons.DailyDiscountCapReached)).ToList();
            capped += sentBack.Count;
            Assert.All(sentBack, d =>
            {
                // The cap left list price alone: that is the line's whole policy.
                Assert.Equal(1.0, d.Propensity);
                Assert.Equal([(0.0, 1.0)], d.Policy!);
            });
        }

        // Every product's best level is a discount, one offer is left: two lines of each quote go back to list price.
        Assert.Equal(1000, capped);
    }
}
