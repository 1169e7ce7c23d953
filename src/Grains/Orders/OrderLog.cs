using Microsoft.Extensions.Logging;

namespace OrleansPricing.Grains.Orders;

internal static partial class OrderLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Order {OrderId} of customer {CustomerId} completed, total {Total}")]
    public static partial void Completed(ILogger logger, string orderId, string customerId, decimal total);
}
