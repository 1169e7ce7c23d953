using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;

namespace OrleansPricing.Pricing.Policy;

/// <summary>
/// The pricing policy: scores every requested SKU at every grid level in one model call, picks each SKU's most profitable
/// allowed level, then enforces the customer's remaining discounted offers for the day, keeping the discounts that add
/// the most expected profit over list price.
/// </summary>
public sealed class QuotePricer(IResponseModel model, PricingOptions options)
{
    public ResponseModelInfo ModelInfo => model.Info;

    public async Task<IReadOnlyList<PriceDecision>> PriceAsync(
        CustomerFeatureSnapshot customer,
        IReadOnlyList<ProductFacts> products,
        QuoteContext context,
        int discountedOffersLeft,
        CancellationToken cancellationToken = default)
    {
        var grid = options.DiscountGrid;
        var rows = new FeatureMatrix(products.Count * grid.Length);
        for (var p = 0; p < products.Count; p++)
        {
            for (var level = 0; level < grid.Length; level++)
            {
                FeatureDefinition.Write(rows.Row(p * grid.Length + level), customer, products[p], context, grid[level]);
            }
        }

        var probabilities = await model.PredictAsync(rows, cancellationToken);
        if (probabilities.Length != rows.Rows)
        {
            throw new InvalidOperationException(
                $"Model {model.Info.ModelId} returned {probabilities.Length} probabilities for {rows.Rows} rows.");
        }

        var decisions = new PriceDecision[products.Count];
        for (var p = 0; p < products.Count; p++)
        {
            decisions[p] = DiscountOptimizer.Choose(
                products[p], grid, probabilities.AsSpan(p * grid.Length, grid.Length), options.MaxCustomerDiscount);
        }

        // Over the daily cap: keep the discounts that gain the most over list price; the rest revert to list.
        var discounted = Enumerable.Range(0, products.Count).Where(p => decisions[p].Discount > 0).ToList();
        if (discounted.Count > discountedOffersLeft)
        {
            var listPriceProfit = discounted.ToDictionary(
                p => p,
                p => DiscountOptimizer.Choose(products[p], grid, probabilities.AsSpan(p * grid.Length, grid.Length), 0).ExpectedProfit);
            foreach (var p in discounted
                         .OrderByDescending(p => decisions[p].ExpectedProfit - listPriceProfit[p])
                         .ThenBy(p => p)
                         .Skip(Math.Max(0, discountedOffersLeft)))
            {
                decisions[p] = DiscountOptimizer.AtListPrice(
                    products[p], grid, probabilities.AsSpan(p * grid.Length, grid.Length), DecisionReasons.DailyDiscountCapReached);
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
}
