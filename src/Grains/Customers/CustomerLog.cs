using Microsoft.Extensions.Logging;

namespace OrleansPricing.Grains.Customers;

internal static partial class CustomerLog
{
    [LoggerMessage(EventId = 1090, Level = LogLevel.Information, Message = "Customer {CustomerId} erased")]
    public static partial void Erased(ILogger logger, string customerId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Customer {CustomerId} recorded order {OrderId} for {Amount}")]
    public static partial void OrderRecorded(ILogger logger, string customerId, string orderId, decimal amount);

    [LoggerMessage(EventId = 1091, Level = LogLevel.Warning, Message = "Customer {CustomerId}'s quote counters were not written as its activation ended; the discounted offers it held count as shown today")]
    public static partial void CountsNotReturned(ILogger logger, string customerId, Exception exception);
}
