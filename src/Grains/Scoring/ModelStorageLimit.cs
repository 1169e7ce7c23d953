namespace OrleansPricing.Grains.Scoring;

/// <summary>
/// The largest model the registry keeps in its own grain state when there is no blob storage: an Azure Table row holds
/// at most 1 MB, and the state holds up to five versions' files besides.
/// </summary>
public sealed record ModelStorageLimit(int MaxInlineBytes)
{
    public static ModelStorageLimit AzureTable { get; } = new(160 * 1024);
}
