namespace OrleansPricing.Training.Data;

/// <summary>A cleaned randomized campaign: standardized features, who was treated, who bought, and how much.</summary>
public sealed record CampaignData(
    IReadOnlyList<FeatureColumn> Columns,
    float[][] Features,
    bool[] Treated,
    bool[] Outcome,
    double[] Revenue,
    string[] Ids,
    CleaningReport Report,
    string Sha256)
{
    public int Count => Features.Length;

    public CampaignData Subset(IReadOnlyList<int> rows) => this with
    {
        Features = rows.Select(i => Features[i]).ToArray(),
        Treated = rows.Select(i => Treated[i]).ToArray(),
        Outcome = rows.Select(i => Outcome[i]).ToArray(),
        Revenue = rows.Select(i => Revenue[i]).ToArray(),
        Ids = rows.Select(i => Ids[i]).ToArray(),
    };
}
