namespace OrleansPricing.Silo.Hosting;

internal static partial class SiloLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Demo catalog: {Count} products defined")]
    public static partial void DemoCatalogSeeded(ILogger logger, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Demo catalog could not be defined")]
    public static partial void DemoCatalogFailed(ILogger logger, Exception exception);
}
