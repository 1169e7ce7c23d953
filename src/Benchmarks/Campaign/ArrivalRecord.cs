using OrleansPricing.Contracts.Orders;

namespace OrleansPricing.Benchmarks.Campaign;

internal sealed record ArrivalRecord(string CustomerId, DateTimeOffset At, List<LineRecord> Lines, OrderStatus? Status);
