namespace OrleansPricing.Contracts.Products;

/// <summary>Result of defining or redefining a product.</summary>
[GenerateSerializer, Immutable, Alias("contracts.upsert-outcome")]
public sealed record UpsertOutcome(
    [property: Id(0)] bool Applied,
    [property: Id(1)] string? Conflict)
{
    public static UpsertOutcome Ok { get; } = new(true, null);
}
