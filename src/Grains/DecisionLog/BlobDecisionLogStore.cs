using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.DecisionLog;

namespace OrleansPricing.Grains.DecisionLog;

/// <summary>
/// The decision log in Azure blob storage: each silo appends to append blobs <c>decisions-{silo}-{yyyyMMddHH}-{schema}.csv</c>
/// and <c>purchases-{silo}-{yyyyMMddHH}-{schema}.csv</c> — a new blob every hour keeps each under the service's 50,000 blocks, and the schema (the header's FNV-1a hash) in the
/// name keeps rows of one shape from going under another's header — one block per flushed batch (split below the 4 MiB block limit). What a silo flushed outlives the silo.
/// </summary>
public sealed class BlobDecisionLogStore(BlobContainerClient container, TimeProvider time) : IDecisionLogStore
{
    /// <summary>Below the service's 4 MiB append-block limit, with room for multi-byte characters.</summary>
    private const int MaxBlockChars = 1024 * 1024;

    /// <summary>Blobs this silo created or found: one existence check per blob, not per batch (one writer loop uses this).</summary>
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);

    public string Location => container.Uri.ToString();

    public async Task OpenAsync(string silo, CancellationToken cancellationToken) =>
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public async Task AppendAsync(DecisionLogKind kind, string silo, string rows, CancellationToken cancellationToken)
    {
        // The header's hash in the name: a silo that restarts with another schema (a column added) in the same hour starts
        // a blob of its own rather than appending rows of one shape under another's header.
        var blob = container.GetAppendBlobClient($"{Prefix(kind)}{silo}-{time.GetUtcNow():yyyyMMddHH}-{SchemaOf(kind)}.csv");
        if (!_started.Contains(blob.Name))
        {
            if ((await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken)) is not null)
            {
                await AppendBlockAsync(blob, FolderDecisionLogStore.HeaderOf(kind) + "\n", cancellationToken);
            }

            _started.Add(blob.Name);
        }

        for (var start = 0; start < rows.Length;)
        {
            // Whole rows per block where possible: cut after the last line end that fits.
            var length = Math.Min(MaxBlockChars, rows.Length - start);
            if (start + length < rows.Length && rows.LastIndexOf('\n', start + length - 1, length) is var end and > 0 && end >= start)
            {
                length = end - start + 1;
            }

            await AppendBlockAsync(blob, rows.Substring(start, length), cancellationToken);
            start += length;
        }
    }

    public async Task<IReadOnlyList<DecisionRecord>> ReadAsync(DateTimeOffset now, TimeSpan quoteTimeToLive, CancellationToken cancellationToken)
    {
        if (!await container.ExistsAsync(cancellationToken))
        {
            return [];
        }

        async Task<List<(string Name, string Text)>> DownloadAsync(DecisionLogKind kind)
        {
            var files = new List<(string, string)>();
            await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, Prefix(kind), cancellationToken))
            {
                var content = await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
                files.Add((item.Name, content.Value.Content.ToString()));
            }

            return files.OrderBy(file => file.Item1, StringComparer.Ordinal).ToList();
        }

        return DecisionLogFolder.Parse(await DownloadAsync(DecisionLogKind.Decisions), await DownloadAsync(DecisionLogKind.Purchases), now, quoteTimeToLive);
    }

    private static readonly string DecisionsSchema = Fnv1aHash.Of(FolderDecisionLogStore.HeaderOf(DecisionLogKind.Decisions)).ToString("x8", CultureInfo.InvariantCulture);

    private static readonly string PurchasesSchema = Fnv1aHash.Of(FolderDecisionLogStore.HeaderOf(DecisionLogKind.Purchases)).ToString("x8", CultureInfo.InvariantCulture);

    private static string SchemaOf(DecisionLogKind kind) => kind == DecisionLogKind.Decisions ? DecisionsSchema : PurchasesSchema;

    private static string Prefix(DecisionLogKind kind) => kind == DecisionLogKind.Decisions ? "decisions-" : "purchases-";

    private static async Task AppendBlockAsync(AppendBlobClient blob, string text, CancellationToken cancellationToken)
    {
        using var block = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await blob.AppendBlockAsync(block, cancellationToken: cancellationToken);
    }
}
