using Microsoft.Extensions.Logging;

namespace OrleansPricing.Grains.Orders;

internal static partial class OrderLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Order {OrderId} of customer {CustomerId} completed, total {Total}")]
    public static partial void Completed(ILogger logger, string orderId, string customerId, decimal total);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Order {OrderId} was left unfinished by its client; its reminder resumes it ({FailedAttempts} failed attempts so far)")]
    public static partial void Recovering(ILogger logger, string orderId, int failedAttempts);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Order {OrderId} finished by its reminder: {Status}")]
    public static partial void Recovered(ILogger logger, string orderId, Contracts.Orders.OrderStatus status);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Order {OrderId}: a step failed (attempt {Attempts}; poisoned: {Poisoned})")]
    public static partial void StepFailed(ILogger logger, string orderId, int attempts, bool poisoned, Exception exception);
}
