namespace OrleansPricing.Contracts.Campaigns;

/// <summary>The campaign after a command, or why the command was refused (nothing changed).</summary>
[GenerateSerializer, Immutable, Alias("contracts.campaign-command-result")]
public sealed record CampaignCommandResult(
    [property: Id(0)] bool Ok,
    [property: Id(1)] string? Error,
    [property: Id(2)] CampaignView? View);
