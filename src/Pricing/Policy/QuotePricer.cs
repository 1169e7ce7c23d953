using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;

namespace OrleansPricing.Pricing.Policy;

/// <summary>
/// The pricing policy: scores every requested SKU at every level of its grid in one model call. A SKU under a campaign
/// is priced by the campaign's Lagrangian rule (<see cref="LagrangianChooser"/>); any other SKU gets its most profitable
/// allowed level. Both respect the customer's remaining discounted offers for the day: campaign SKUs first, then the
/// other discounts that add the most expected profit over list price.
/// </summary>
public sealed class QuotePricer(IResponseModel model, PricingOptions options)
{
    public ResponseModelInfo ModelInfo => model.Info;

    /// <param name="campaigns">Per product (same order), the campaign terms that price it, or null; null list = no campaigns.</param>
    public async Task<IReadOnlyList<PriceDecision>> PriceAsync(
        CustomerFeatureSnapshot customer,
        IReadOnlyList<ProductFacts> products,
        QuoteContext context,
        int discountedOffersLeft,
        IReadOnlyList<CampaignTerms?>? campaigns = null,
        CancellationToken cancellationToken = default)
    {
        var grids = new IReadOnlyList<double>[products.Count];
        var offsets = new int[products.Count];
        var rowCount = 0;
        for (var p = 0; p < products.Count; p++)
        {
            grids[p] = campaigns?[p]?.Grid ?? options.DiscountGrid;
            offsets[p] = rowCount;
            rowCount += grids[p].Count;
        }

        var rows = new FeatureMatrix(rowCount);
        for (var p = 0; p < products.Count; p++)
        {
            for (var level = 0; level < grids[p].Count; level++)
            {
                FeatureDefinition.Write(rows.Row(offsets[p] + level), customer, products[p], context, grids[p][level]);
            }
        }

        var probabilities = await model.PredictAsync(rows, cancellationToken);
        if (probabilities.Length != rows.Rows)
        {
            throw new InvalidOperationException(
                $"Model {model.Info.ModelId} returned {probabilities.Length} probabilities for {rows.Rows} rows.");
        }

        ReadOnlySpan<float> Scores(int p) => probabilities.AsSpan(offsets[p], grids[p].Count);

        var decisions = new PriceDecision[products.Count];
        var offersLeft = discountedOffersLeft;
        var campaignOffersUsed = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < products.Count; p++)
        {
            if (campaigns?[p] is { } terms)
            {
                var used = campaignOffersUsed.GetValueOrDefault(terms.CampaignId);
                decisions[p] = PriceForCampaign(products[p], terms, Scores(p), Math.Min(offersLeft, terms.DiscountedOffersLeft - used));
                if (decisions[p].Discount > 0)
                {
                    offersLeft--;
                    campaignOffersUsed[terms.CampaignId] = used + 1;
                }
            }
        }

        for (var p = 0; p < products.Count; p++)
        {
            if (campaigns?[p] is null)
            {
                decisions[p] = DiscountOptimizer.Choose(products[p], grids[p], Scores(p), options.MaxCustomerDiscount);
            }
        }

        // Over the daily cap: keep the discounts that gain the most over list price; the rest revert to list.
        var discounted = Enumerable.Range(0, products.Count).Where(p => campaigns?[p] is null && decisions[p].Discount > 0).ToList();
        if (discounted.Count > offersLeft)
        {
            var listPriceProfit = discounted.ToDictionary(
                p => p,
                p => DiscountOptimizer.Choose(products[p], grids[p], Scores(p), 0).ExpectedProfit);
            foreach (var p in discounted
                         .OrderByDescending(p => decisions[p].ExpectedProfit - listPriceProfit[p])
                         .ThenBy(p => p)
                         .Skip(Math.Max(0, offersLeft)))
            {
                decisions[p] = DiscountOptimizer.AtListPrice(products[p], grids[p], Scores(p), DecisionReasons.DailyDiscountCapReached);
            }
        }

        if (customer.IsNewCustomer)
        {
            for (var p = 0; p < decisions.Length; p++)
            {
                decisions[p] = decisions[p] with { Reasons = [.. decisions[p].Reasons, DecisionReasons.NewCustomer] };
            }
        }

        return decisions;
    }

    private PriceDecision PriceForCampaign(ProductFacts product, CampaignTerms terms, ReadOnlySpan<float> scores, int offersLeft)
    {
        var reasons = new List<string>();
        var maxDiscount = Math.Min(terms.MaxDiscount, options.MaxCustomerDiscount);
        if (terms.Holdout)
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
        // levels cannot outrun the pacing plan; the logged propensity uses the rate actually applied.
        var exploration = maxDiscount > 0 ? terms.ExplorationRate / (1 + terms.Duals.Lambda) : 0;
        var choice = LagrangianChooser.Choose(
            product, terms.Grid, scores, maxDiscount, terms.Duals, exploration, terms.Random, terms.AffordableDiscount, terms.Units);
        reasons.Insert(0, choice.Explored ? DecisionReasons.CampaignExploration : DecisionReasons.CampaignOptimal);
        if (maxDiscount > 0 && terms.AffordableDiscount < (product.ListPrice - DiscountOptimizer.PriceAt(product.ListPrice, maxDiscount)) * terms.Units
            && choice.Discount < maxDiscount)
        {
            reasons.Add(DecisionReasons.CampaignBudgetExhausted);
        }

        var probability = Math.Clamp(choice.PurchaseProbability, 0, 1);
        return new PriceDecision(
            product.Sku, product.ListPrice, choice.Price, choice.Discount, probability,
            probability * (double)(choice.Price - product.UnitCost), reasons, choice.Propensity, terms.CampaignId);
    }
}
