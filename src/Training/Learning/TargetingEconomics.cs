namespace OrleansPricing.Training.Learning;

/// <summary>
/// What a customer is worth with and without the offer, under the margin and discount the model was trained with:
/// a treated buyer spends <see cref="RevenuePerTreatedBuyer"/> (already discounted), whose goods cost
/// revenue / (1 − discount) × (1 − margin); a control buyer spends <see cref="RevenuePerControlBuyer"/> at list price,
/// whose goods cost revenue × (1 − margin) — the profit <see cref="PolicyEvaluation.Profit"/> judges policies by.
/// </summary>
public sealed record TargetingEconomics(double Margin, double Discount, double RevenuePerTreatedBuyer, double RevenuePerControlBuyer)
{
    /// <summary>The mean revenue of the buyers of each arm in <paramref name="data"/> (1 per buyer without a revenue column).</summary>
    public static TargetingEconomics Of(Data.CampaignData data, double margin, double discount)
    {
        double MeanRevenue(bool treated)
        {
            var buyers = Enumerable.Range(0, data.Count).Where(i => data.Treated[i] == treated && data.Outcome[i]).ToList();
            return buyers.Count == 0 ? 0 : buyers.Average(i => data.Revenue[i]);
        }

        return new TargetingEconomics(margin, discount, MeanRevenue(true), MeanRevenue(false));
    }

    public double ValueIfTreated(double purchaseProbability) =>
        purchaseProbability * RevenuePerTreatedBuyer * (1 - (1 - Margin) / (1 - Discount));

    public double ValueIfSkipped(double purchaseProbability) => purchaseProbability * RevenuePerControlBuyer * Margin;
}
