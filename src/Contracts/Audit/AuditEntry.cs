namespace OrleansPricing.Contracts.Audit;

/// <summary>One admin action: when, which API key, what request, and the status it got.</summary>
[GenerateSerializer, Immutable, Alias("contracts.audit-entry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Key,
    [property: Id(2)] string Method,
    [property: Id(3)] string Path,
    [property: Id(4)] int Status);
