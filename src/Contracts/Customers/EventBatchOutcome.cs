namespace OrleansPricing.Contracts.Customers;

/// <summary>How a batch of one customer's events was taken: it is durable once this is returned.</summary>
[GenerateSerializer, Immutable, Alias("contracts.event-batch-outcome")]
public sealed record EventBatchOutcome(
    [property: Id(0)] int Applied,
    [property: Id(1)] int Duplicates,
    [property: Id(2)] int TooLate);
