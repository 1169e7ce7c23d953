namespace OrleansPricing.Grains.Campaigns;

[GenerateSerializer, Alias("grains.campaign-directory-state")]
public sealed class CampaignDirectoryState
{
    [Id(0)] public Dictionary<string, DateTimeOffset> EndById { get; set; } = new(StringComparer.Ordinal);
}
