using Microsoft.Extensions.Logging;

namespace OrleansPricing.Scoring;

public static partial class ScoringLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Scoring model {Version} serves on {Provider}")]
    public static partial void ModelActivated(ILogger logger, string version, string provider);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Scoring falls back to the CPU: {Reason}")]
    public static partial void ProviderFallback(ILogger logger, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Shadow model {Version} failed to score a batch")]
    public static partial void ShadowFailed(ILogger logger, string version, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Model {Version} could not be loaded on this silo; serving stays on {Current}")]
    public static partial void LoadFailed(ILogger logger, string version, string? current, Exception exception);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Shadow model set to {Version}")]
    public static partial void ShadowSet(ILogger logger, string? version);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "No model is served yet after the startup wait; quotes get 503 until one loads ({LastError})")]
    public static partial void NoModelAtStart(ILogger logger, string? lastError);
}
