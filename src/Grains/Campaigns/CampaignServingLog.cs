using Microsoft.Extensions.Logging;

namespace OrleansPricing.Grains.Campaigns;

internal static partial class CampaignServingLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug,
        Message = "Campaign {CampaignId}: holder {Holder} holds {Held}, {Committed} quotes settled, lambda {Lambda}")]
    public static partial void Leased(ILogger logger, string campaignId, string holder, decimal held, int committed, double lambda);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Campaign {CampaignId}: the coordinator did not answer; serving from the lease held")]
    public static partial void LeaseFailed(ILogger logger, string campaignId, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "The campaign directory did not answer; serving the campaigns already known")]
    public static partial void DirectoryFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning,
        Message = "Holder {Holder} stopped before the coordinators took its leases back; they are reclaimed when they expire")]
    public static partial void HandBackAbandoned(ILogger logger, string holder);
}
