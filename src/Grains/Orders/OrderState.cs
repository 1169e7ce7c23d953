using OrleansPricing.Contracts.Orders;

namespace OrleansPricing.Grains.Orders;

[GenerateSerializer, Alias("grains.order-state")]
public sealed class OrderState
{
    /// <summary>Set once prices are fixed; a retry after a crash resumes with the same prices.</summary>
    [Id(0)] public string? Fingerprint { get; set; }

    [Id(1)] public string? CustomerId { get; set; }
    [Id(2)] public List<PricedLine> Lines { get; set; } = [];

    /// <summary>Set when every line is committed and the purchase recorded: the order is then acknowledged.</summary>
    [Id(3)] public OrderOutcome? Outcome { get; set; }

    /// <summary>When prices were fixed: the recovery reminder finishes the order once it is this old.</summary>
    [Id(4)] public DateTimeOffset StartedAt { get; set; }

    /// <summary>Attempts whose step threw (other than a time-out); at <c>Pricing:OrderMaxFailedAttempts</c> the order is undone.</summary>
    [Id(5)] public int FailedAttempts { get; set; }
}
