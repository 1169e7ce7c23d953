using Microsoft.Extensions.Logging;

namespace OrleansPricing.Grains.DecisionLog;

internal static partial class DecisionLogWriterLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Writing the decision log to {Directory} (silo {Silo})")]
    public static partial void Started(ILogger logger, string directory, string silo);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "The decision log cannot be written to {Directory}; quotes go on without it")]
    public static partial void Unwritable(ILogger logger, string directory, Exception exception);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "A batch of the decision log could not be written to {Location}; it is dropped and counted")]
    public static partial void BatchLost(ILogger logger, string location, Exception exception);
}
