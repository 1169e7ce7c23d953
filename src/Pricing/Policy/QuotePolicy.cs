using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;

namespace OrleansPricing.Pricing.Policy;

/// <summary>
/// Where a quote's prices are decided, in one pass: every line is scored at every level of its grid in one model call,
/// then a line under a campaign is priced by the campaign's Lagrangian rule (<see cref="LagrangianChooser"/>) and its
/// discount reserved in the campaign's budget; any other line gets its most profitable allowed level
/// (<see cref="DiscountOptimizer"/>). The customer's daily cap on discounted offers holds across the quote: campaign
/// lines first, then the other discounts that add the most expected profit over list price. The caller loads the
/// inputs and persists the result; it decides nothing.
/// </summary>
public sealed class QuotePolicy(IResponseModel model, PricingOptions options)
{
    public ResponseModelInfo ModelInfo => model.Info;

    /// <summary>
    /// The most a campaign line can need from the budget: its units at the deepest level of the campaign's grid that the
    /// rules allow. The caller tops the budget up to this before deciding, so the decision itself never waits.
    /// </summary>
    public decimal BudgetWanted(ProductFacts product, IReadOnlyList<double> grid, double campaignMaxDiscount, int units) =>
        DeepestAllowedAmount(product, grid, OfferMaximum(campaignMaxDiscount), units);

    public async Task<IReadOnlyList<PriceDecision>> DecideAsync(QuoteInput input, CancellationToken cancellationToken = default)
    {
        var lines = input.Lines;
        var grids = new IReadOnlyList<double>[lines.Count];
        var offsets = new int[lines.Count];
        var rowCount = 0;
        for (var p = 0; p < lines.Count; p++)
        {
            grids[p] = lines[p].Campaign?.Grid ?? options.DiscountGrid;
            offsets[p] = rowCount;
            rowCount += grids[p].Count;
        }

        var rows = new FeatureMatrix(rowCount);
        for (var p = 0; p < lines.Count; p++)
        {
            for (var level = 0; level < grids[p].Count; level++)
            {
                FeatureDefinition.Write(rows.Row(offsets[p] + level), input.Customer, lines[p].Product, input.Context, grids[p][level]);
            }
        }

        // While the registry has a shadow version, a quote without campaign lines is priced by it with probability
        // ShadowTrafficShare (a trial). Both versions' choices are known for such a quote, so each line's propensity is that
        // of the mixture, (1 − ε)·[(1 − s)·1(the active's level) + s·1(the shadow's level)] + ε/|allowed|: the next run
        // judges either version with small importance weights (the draw is independent of the customer's answer).
        float[] probabilities;
        TrialScores? shadow = null;
        if (rowCount == 0)
        {
            probabilities = [];
        }
        else if (options.ShadowTrafficShare > 0 && lines.All(line => line.Campaign is null))
        {
            (probabilities, shadow) = await model.PredictWithShadowAsync(rows, cancellationToken);
        }
        else
        {
            probabilities = await model.PredictAsync(rows, cancellationToken);
        }

        if (probabilities.Length != rows.Rows)
        {
            throw new InvalidOperationException(
                $"Model {model.Info.ModelId} returned {probabilities.Length} probabilities for {rows.Rows} rows.");
        }

        if (shadow is not null && shadow.Probabilities.Length != rows.Rows)
        {
            throw new InvalidOperationException($"Model {shadow.Model} returned {shadow.Probabilities.Length} probabilities for {rows.Rows} rows.");
        }

        var onTrial = shadow is not null && input.Random.NextDouble() < options.ShadowTrafficShare;
        var served = onTrial ? shadow!.Probabilities : probabilities;
        ReadOnlySpan<float> Scores(int p) => served.AsSpan(offsets[p], grids[p].Count);

        var decisions = new PriceDecision[lines.Count];
        var offersLeft = input.DiscountedOffersLeft;
        var campaignOffersUsed = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < lines.Count; p++)
        {
            if (lines[p].Campaign is { } offer)
            {
                var used = campaignOffersUsed.GetValueOrDefault(offer.CampaignId);
                decisions[p] = DecideCampaignLine(
                    lines[p], offer, Scores(p), Math.Min(offersLeft, offer.DiscountedOffersLeft - used), input.ExpiresAt, input.Random.Next(), input.Logged);
                if (decisions[p].Discount > 0)
                {
                    offersLeft--;
                    campaignOffersUsed[offer.CampaignId] = used + 1;
                }
            }
        }

        var offersFree = ChooseOutsideCampaigns(lines, grids, offsets, served, offersLeft, decisions);
        PriceDecision[]? other = null;
        if (shadow is not null)
        {
            other = new PriceDecision[lines.Count];
            ChooseOutsideCampaigns(lines, grids, offsets, onTrial ? probabilities : shadow.Probabilities, offersLeft, other);
        }

        var servedShare = shadow is null ? 1 : onTrial ? options.ShadowTrafficShare : 1 - options.ShadowTrafficShare;
        // Exploration and the policy's distribution are for the log: an unlogged quote gets neither.
        var explorationRate = options.ExplorationRateFor(model.Info.Version);
        var checkRate = options.ListPriceCheckRateFor(model.Info.Version);
        if (input.Logged && (explorationRate > 0 || checkRate > 0 || shadow is not null))
        {
            for (var p = 0; p < lines.Count; p++)
            {
                if (lines[p].Campaign is null)
                {
                    // Under a trial the other version's level could have been checked too: the propensity needs its chance.
                    var otherCheck = other is null ? 0 : ListPriceCheckOf(
                        lines[p].Product, grids[p], (onTrial ? probabilities : shadow!.Probabilities).AsSpan(offsets[p], grids[p].Count), other[p], checkRate);
                    decisions[p] = Explore(
                        lines[p].Product, grids[p], Scores(p), rows.ReadRow(offsets[p]), decisions[p], other?[p].Discount, otherCheck, servedShare,
                        explorationRate, checkRate, ref offersFree, input.Random);
                }
            }
        }

        if (input.Customer.IsNewCustomer)
        {
            for (var p = 0; p < decisions.Length; p++)
            {
                decisions[p] = decisions[p] with { Reasons = [.. decisions[p].Reasons, DecisionReasons.NewCustomer] };
            }
        }

        if (shadow is not null)
        {
            for (var p = 0; p < decisions.Length; p++)
            {
                decisions[p] = onTrial
                    ? decisions[p] with { Reasons = [.. decisions[p].Reasons, DecisionReasons.ShadowTrial], PricedBy = shadow.Model, ShadowArm = true }
                    : decisions[p] with { ShadowArm = false };
            }
        }

        return decisions;
    }

    /// <summary>
    /// Prices a campaign line among the levels its limits and budget allow and reserves the discount. When another quote
    /// took the budget's last free money between the read and the reservation, the line is decided again within what is
    /// left, on the same exploration draw (<paramref name="drawSeed"/>), until a reservation holds or the price is list.
    /// </summary>
    private PriceDecision DecideCampaignLine(
        QuoteLine line, CampaignOffer offer, ReadOnlySpan<float> scores, int offersLeft, DateTimeOffset expiresAt, int drawSeed, bool logged)
    {
        var product = line.Product;
        var reasons = new List<string>();
        var maxDiscount = OfferMaximum(offer.MaxDiscount);
        if (offer.Holdout)
        {
            reasons.Add(DecisionReasons.CampaignHoldout);
            maxDiscount = 0;
        }
        else if (offersLeft <= 0)
        {
            reasons.Add(DecisionReasons.DailyDiscountCapReached);
            maxDiscount = 0;
        }

        // Exploration spends budget too: while the budget is priced (λ > 0) it is scaled down to ε / (1 + λ), so random
        // levels cannot outrun the pacing plan; the logged propensity uses the rate actually applied. Unlogged, none.
        var exploration = maxDiscount > 0 && logged ? offer.ExplorationRate / (1 + offer.Duals.Lambda) : 0;
        var affordable = maxDiscount > 0 ? Math.Max(0, offer.Budget.Free) : 0;
        CampaignDecision choice;
        decimal unitDiscount;
        while (true)
        {
            choice = LagrangianChooser.Choose(
                product, offer.Grid, scores, maxDiscount, offer.Duals, exploration, new Random(drawSeed), affordable, offer.Units);
            unitDiscount = product.ListPrice - choice.Price;
            if (unitDiscount <= 0 || offer.Budget.TryReserve(line.QuoteId, unitDiscount * offer.Units, expiresAt))
            {
                break;
            }

            // Amounts are whole cents, so each pass excludes at least the level that failed.
            affordable = Math.Min(Math.Max(0, offer.Budget.Free), unitDiscount * offer.Units - 0.01m);
        }

        reasons.Insert(0, choice.Explored ? DecisionReasons.CampaignExploration : DecisionReasons.CampaignOptimal);
        if (maxDiscount > 0 && choice.Discount < maxDiscount
            && affordable < DeepestAllowedAmount(product, offer.Grid, maxDiscount, offer.Units))
        {
            reasons.Add(DecisionReasons.CampaignBudgetExhausted);
        }

        var probability = Math.Clamp(choice.PurchaseProbability, 0, 1);
        return new PriceDecision(
            product.Sku, product.ListPrice, choice.Price, choice.Discount, probability,
            DiscountOptimizer.ExpectedProfit(product, choice.Price, probability), reasons, choice.Propensity,
            new CampaignReservation(offer.CampaignId, unitDiscount, offer.Units, offer.Holdout));
    }

    /// <summary>
    /// The most profitable allowed level of every line outside campaigns by <paramref name="probabilities"/>; over the daily
    /// cap, the discounts that gain the most over list price are kept and the rest revert to list.
    /// </summary>
    /// <returns>Discounted offers still free under the cap.</returns>
    private int ChooseOutsideCampaigns(
        IReadOnlyList<QuoteLine> lines, IReadOnlyList<double>[] grids, int[] offsets, float[] probabilities, int offersLeft, PriceDecision[] decisions)
    {
        ReadOnlySpan<float> Scores(int p) => probabilities.AsSpan(offsets[p], grids[p].Count);
        var discounted = new List<int>();
        for (var p = 0; p < lines.Count; p++)
        {
            if (lines[p].Campaign is null)
            {
                decisions[p] = DiscountOptimizer.Choose(lines[p].Product, grids[p], Scores(p), options.MaxCustomerDiscount, options.MinDiscountGain, options.DepthTolerance);
                if (decisions[p].Discount > 0)
                {
                    discounted.Add(p);
                }
            }
        }

        if (discounted.Count > offersLeft)
        {
            var atList = discounted.ToDictionary(
                p => p, p => DiscountOptimizer.AtListPrice(lines[p].Product, grids[p], Scores(p), DecisionReasons.DailyDiscountCapReached));
            foreach (var p in discounted.OrderByDescending(p => decisions[p].ExpectedProfit - atList[p].ExpectedProfit).ThenBy(p => p).Skip(Math.Max(0, offersLeft)))
            {
                decisions[p] = atList[p];
            }
        }

        return Math.Max(0, offersLeft) - Math.Min(discounted.Count, Math.Max(0, offersLeft));
    }

    /// <summary>
    /// With probability ε (<paramref name="rate"/>, set by the active version: <see cref="PricingOptions.ExplorationRateFor"/>),
    /// a random level among those allowed (by the product, the customer maximum and the offers left today) replaces the
    /// chosen one: a share a of the draws (<see cref="PricingOptions.AimedExplorationShare"/>) among the aimed levels —
    /// the allowed level at the depth the customer usually paid (<see cref="FeatureDefinition.UsualDepth"/> of the line's
    /// feature <paramref name="row"/>) and the next deeper one (<see cref="AimedLevels"/>)
    /// — when there are any, the rest uniformly. Otherwise, a discount the model barely preferred is quoted at list price
    /// with probability c (the list-price check, <see cref="ListPriceCheckOf"/>). The propensity of whatever is chosen is
    /// exact: (1 − ε)·[(1 − c)·1(best) + c·1(list)] + ε·[(1 − a)/|allowed| + a·1(aimed)/|aimed|], or under a trial with
    /// the bracket taken for each version's level and check and mixed by the shares; without aimed levels, ε/|allowed|.
    /// The whole distribution goes with it (<see cref="PriceDecision.Policy"/>).
    /// A line the daily cap sent back to list price is not explored (the cap holds).
    /// </summary>
    /// <param name="otherCheck">Under a trial, the other version's list-price check on its own level (0 without one).</param>
    private PriceDecision Explore(
        ProductFacts product, IReadOnlyList<double> grid, ReadOnlySpan<float> scores, ReadOnlySpan<float> row, PriceDecision chosen,
        double? otherDiscount, double otherCheck, double servedShare, double rate, double checkRate, ref int offersFree, Random random)
    {
        // Both draws are taken for every line, so one line's outcome never shifts the draws of the next. The first also
        // decides whether an exploring line is aimed: below ε·a it is, between ε·a and ε it is uniform.
        var draw = random.NextDouble();
        var explore = draw < rate;
        var pick = random.Next();
        if (chosen.Reasons.Contains(DecisionReasons.DailyDiscountCapReached))
        {
            // List price was the one level the cap left this line: its policy says so, as its propensity of 1 does.
            var capped = chosen with { Policy = [(chosen.Discount, 1.0)] };
            return otherDiscount is { } otherChoice ? capped with { TrialLevelsDiffer = Math.Abs(chosen.Discount - otherChoice) >= 1e-12 } : capped;
        }

        var canDiscount = chosen.Discount > 0 || offersFree > 0;
        var allowed = new List<int>();
        var (best, other) = (-1, -1);
        for (var index = 0; index < grid.Count; index++)
        {
            var discount = grid[index];
            if ((discount <= 0 || canDiscount)
                && DiscountOptimizer.LimitOf(product, discount, DiscountOptimizer.PriceAt(product.ListPrice, discount), options.MaxCustomerDiscount) == LevelLimit.None)
            {
                allowed.Add(index);
            }

            if (Math.Abs(discount - chosen.Discount) < 1e-12)
            {
                best = index;
            }

            if (otherDiscount is { } otherLevel && Math.Abs(discount - otherLevel) < 1e-12)
            {
                other = index;
            }
        }

        var aimed = options.AimedExplorationShare > 0 ? AimedLevels(grid, allowed, FeatureDefinition.UsualDepth(row)) : [];
        var aimedShare = aimed.Count > 0 ? options.AimedExplorationShare : 0;
        // Outside campaigns the grid is the configured one: it starts at list price (validated), always allowed.
        const int list = 0;
        var check = ListPriceCheckOf(product, grid, scores, chosen, checkRate);
        // Not exploring, the first draw is uniform on [ε, 1): its place there decides the check, so no draw is added.
        var checkedAtList = !explore && check > 0 && (draw - rate) / (1 - rate) < check;
        var level = !explore ? (checkedAtList ? list : best) : draw < rate * aimedShare ? aimed[pick % aimed.Count] : allowed[pick % allowed.Count];
        double Probability(int at) => (1 - rate) * ((at == best ? servedShare * (1 - check) : 0) + (at == other ? (1 - servedShare) * (1 - otherCheck) : 0)
                + (at == list ? servedShare * check + (1 - servedShare) * otherCheck : 0))
            + (allowed.Contains(at) ? rate * (1 - aimedShare) / allowed.Count : 0) + (aimed.Contains(at) ? rate * aimedShare / aimed.Count : 0);
        var propensity = Probability(level);
        // Every allowed level, drawn or not (without exploration most have probability 0), so that the log holds what the
        // line could have been quoted at as well as how likely each was.
        var policy = new List<(double Discount, double Probability)>(allowed.Count + 1);
        for (var at = 0; at < grid.Count; at++)
        {
            var probability = Probability(at);
            if (probability > 0 || allowed.Contains(at))
            {
                policy.Add((grid[at], probability));
            }
        }

        // On a trial: whether the arm decided the line's level (PriceDecision.TrialLevelsDiffer). The same test in either
        // arm (the served and the other version's levels swap places), so the lines it leaves out are alike in both arms
        // and the arms' difference over the rest is the whole difference.
        bool? levelsDiffer = otherDiscount is null ? null : best != other && (level == best || level == other);
        if (level == best && !checkedAtList)
        {
            return explore
                ? chosen with { Propensity = propensity, Policy = policy, Reasons = [.. chosen.Reasons, DecisionReasons.Exploration], TrialLevelsDiffer = levelsDiffer, ExplorationCost = 0, ExploredFrom = chosen.Discount }
                : chosen with { Propensity = propensity, Policy = policy, TrialLevelsDiffer = levelsDiffer };
        }

        offersFree += (chosen.Discount > 0 ? 1 : 0) - (grid[level] > 0 ? 1 : 0);
        var drawn = DiscountOptimizer.AtLevel(product, grid, scores, level, propensity, DecisionReasons.Exploration);
        return drawn with
        {
            Policy = policy, TrialLevelsDiffer = levelsDiffer, ExplorationCost = chosen.ExpectedProfit - drawn.ExpectedProfit, ExploredFrom = chosen.Discount,
            Reasons = checkedAtList ? [.. drawn.Reasons, DecisionReasons.ListPriceCheck] : drawn.Reasons,
        };
    }

    /// <summary>
    /// The chance that <paramref name="chosen"/>, a discount outside campaigns, is quoted at list price instead:
    /// <paramref name="rate"/> (<see cref="PricingOptions.ListPriceCheckRateFor"/>) when it is the grid's shallowest
    /// discount (the configured grid's second level, after list price) and the model expects it not to beat list price's
    /// expected profit by <see cref="PricingOptions.ListPriceCheckGain"/> of it (<see cref="DiscountOptimizer.ClearsMinimumGain"/>),
    /// else 0 (also under the daily cap, or where list price earns nothing).
    /// </summary>
    private double ListPriceCheckOf(ProductFacts product, IReadOnlyList<double> grid, ReadOnlySpan<float> scores, PriceDecision chosen, double rate)
    {
        if (rate <= 0 || grid.Count < 2 || Math.Abs(chosen.Discount - grid[1]) > 1e-12 || chosen.Reasons.Contains(DecisionReasons.DailyDiscountCapReached))
        {
            return 0;
        }

        var atList = DiscountOptimizer.ExpectedProfit(product, product.ListPrice, scores[0]);
        return atList > 0 && !DiscountOptimizer.ClearsMinimumGain(chosen.ExpectedProfit, atList, options.ListPriceCheckGain) ? rate : 0;
    }

    /// <summary>
    /// The levels aimed exploration draws from (indices into <paramref name="grid"/>, among <paramref name="allowed"/>,
    /// which ascend): the deepest allowed discount at or below <paramref name="usualDepth"/> (a level up to
    /// <see cref="FeatureDefinition.UsualDepthMargin"/> deeper counts as at it, so a cents-rounded depth just under a level is that
    /// level) and the next deeper allowed one. None without a usual depth (no discounted purchase) or when every allowed
    /// discount is deeper than it.
    /// </summary>
    internal static IReadOnlyList<int> AimedLevels(IReadOnlyList<double> grid, IReadOnlyList<int> allowed, float usualDepth)
    {
        var at = -1;
        for (var i = 0; i < allowed.Count && grid[allowed[i]] <= usualDepth + FeatureDefinition.UsualDepthMargin; i++)
        {
            at = grid[allowed[i]] > 0 ? i : at;
        }

        return usualDepth <= 0 || at < 0 ? []
            : at + 1 < allowed.Count ? [allowed[at], allowed[at + 1]]
            : [allowed[at]];
    }

    /// <summary>The deepest discount an offer may give: its own maximum, never beyond the customer maximum.</summary>
    private double OfferMaximum(double offerMaxDiscount) => Math.Min(offerMaxDiscount, options.MaxCustomerDiscount);

    /// <summary>The discount money of the deepest grid level <see cref="DiscountOptimizer.LimitOf"/> allows, for all units.</summary>
    private static decimal DeepestAllowedAmount(ProductFacts product, IReadOnlyList<double> grid, double maxDiscount, int units)
    {
        var deepest = 0m;
        foreach (var discount in grid)
        {
            var price = DiscountOptimizer.PriceAt(product.ListPrice, discount);
            if (DiscountOptimizer.LimitOf(product, discount, price, maxDiscount) == LevelLimit.None)
            {
                deepest = Math.Max(deepest, (product.ListPrice - price) * units);
            }
        }

        return deepest;
    }
}
