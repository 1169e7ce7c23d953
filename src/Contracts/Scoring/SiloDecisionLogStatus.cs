namespace OrleansPricing.Contracts.Scoring;

/// <summary>
/// A silo's decision log, which learning reads, as the silo last reported it beside its scoring pool.
/// <see cref="State"/>: <c>writing</c>; <c>off</c> (no folder and no blob storage configured); <c>unwritable</c> (the
/// log could not be opened: the silo's quotes are neither logged nor explored). The counts are since the silo started.
/// </summary>
[GenerateSerializer, Immutable, Alias("contracts.silo-decision-log-status")]
public sealed record SiloDecisionLogStatus(
    [property: Id(0)] string State,
    [property: Id(1)] long DecisionsWritten,
    [property: Id(2)] long PurchasesWritten,
    [property: Id(3)] long RowsLost,
    [property: Id(4)] int Pending)
{
    public const string Writing = "writing";
    public const string Off = "off";
    public const string Unwritable = "unwritable";
}
