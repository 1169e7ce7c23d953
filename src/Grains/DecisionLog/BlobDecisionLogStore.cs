using System.Globalization;
using System.IO.Compression;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.DecisionLog;

namespace OrleansPricing.Grains.DecisionLog;

/// <summary>
/// The decision log in Azure blob storage: each silo appends to append blobs <c>decisions-{silo}-{yyyyMMddHH}-{schema}.csv</c>
/// and <c>purchases-{silo}-{yyyyMMddHH}-{schema}.csv</c> — a new blob every hour, and the schema (the header's FNV-1a hash) in the
/// name keeps rows of one shape from going under another's header — one block per flushed batch (split below the 4 MiB block limit).
/// An append blob holds at most 50,000 blocks: a blob that reaches <see cref="MaxBlocksPerBlob"/> (counted, or refused by the
/// service) is continued in <c>…-part2.csv</c>, <c>…-part3.csv</c> of the same hour. What a silo flushed outlives the silo.
/// Compressed (the default), each block is a gzip member of its own and the blob is named <c>….csv.gz</c>: the blob reads
/// as one gzip stream (members in a row are one stream to gzip and to <see cref="GZipStream"/>), and the service stores
/// and carries about a fifth of the bytes. (What the log costs Azurite is mostly its number of appends, not their size:
/// <see cref="DecisionLogOptions.FlushInterval"/>.)
/// </summary>
/// <param name="maxBlocksPerBlob">Blocks a blob takes before the next part starts (tests make it small).</param>
/// <param name="compress">Write gzip blocks to <c>.csv.gz</c> blobs; plain <c>.csv</c> otherwise. Both are read.</param>
/// <param name="retention">
/// How long this silo's blobs are kept after their hour (0: for ever, a lifecycle rule's job): older ones are deleted when
/// the log opens and when an hour begins.
/// </param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Its only disposable is a MemoryStream, which holds no unmanaged resource.")]
public sealed class BlobDecisionLogStore(
    BlobContainerClient container, TimeProvider time, int maxBlocksPerBlob = BlobDecisionLogStore.MaxBlocksPerBlob, bool compress = true, TimeSpan retention = default)
    : IDecisionLogStore
{
    /// <summary>The service's limit of 50,000 blocks per append blob, less a margin.</summary>
    public const int MaxBlocksPerBlob = 49_000;

    /// <summary>Below the service's 4 MiB append-block limit, with room for multi-byte characters.</summary>
    private const int MaxBlockChars = 1024 * 1024;

    /// <summary>The part each blob name (without its part) is at, and its blocks: one existence check per part, not per batch (one writer loop uses this).</summary>
    private readonly Dictionary<string, BlobPart> _parts = new(StringComparer.Ordinal);

    /// <summary>A block's UTF-8 bytes, and its gzip member: reused from block to block (one writer loop appends at a time).</summary>
    private byte[] _utf8 = [];

    private readonly MemoryStream _compressed = new();

    public string Location => container.Uri.ToString();

    public async Task OpenAsync(string silo, CancellationToken cancellationToken)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var kind in Enum.GetValues<DecisionLogKind>())
        {
            await DeleteExpiredAsync(kind, silo, cancellationToken);
        }
    }

    public async Task AppendAsync(DecisionLogKind kind, string silo, ReadOnlyMemory<char> rows, CancellationToken cancellationToken)
    {
        // The header's hash in the name: a silo that restarts with another schema (a column added) in the same hour starts
        // a blob of its own rather than appending rows of one shape under another's header.
        var name = $"{FolderDecisionLogStore.PrefixOf(kind)}{silo}-{DecisionLogFolder.HourText(time.GetUtcNow())}-{SchemaOf(kind)}";
        if (!_parts.TryGetValue(name, out var part))
        {
            // A new hour (or schema): the kind's earlier blobs are done, so a long-running silo keeps two entries, not one an hour.
            foreach (var done in _parts.Keys.Where(key => key.StartsWith(FolderDecisionLogStore.PrefixOf(kind), StringComparison.Ordinal)).ToList())
            {
                _parts.Remove(done);
            }

            await DeleteExpiredAsync(kind, silo, cancellationToken);

            part = await OpenPartAsync(kind, name, 1, cancellationToken);
        }

        for (var start = 0; start < rows.Length;)
        {
            // Whole rows per block where possible: cut after the last line end that fits.
            var length = Math.Min(MaxBlockChars, rows.Length - start);
            if (start + length < rows.Length && rows.Span.Slice(start, length).LastIndexOf('\n') is var end and >= 0)
            {
                length = end + 1;
            }

            if (part.Blocks >= maxBlocksPerBlob)
            {
                part = await OpenPartAsync(kind, name, part.Number + 1, cancellationToken);
            }

            try
            {
                await AppendBlockAsync(part.Blob, rows.Slice(start, length), cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.ErrorCode == BlobErrorCode.BlockCountExceedsLimit)
            {
                // Full although this silo counted less (another writer, a count lost to a restart): the next part takes it.
                part = await OpenPartAsync(kind, name, part.Number + 1, cancellationToken);
                await AppendBlockAsync(part.Blob, rows.Slice(start, length), cancellationToken);
            }

            part.Blocks++;
            start += length;
        }

        _parts[name] = part;
    }

    /// <summary>
    /// Deletes this silo's blobs of <paramref name="kind"/> that the retention no longer keeps
    /// (<see cref="DecisionLogFolder.IsExpired"/>). A listing or deletion the service refuses leaves the rest for the next
    /// hour: the retention never costs the batch being appended, nor the log at opening.
    /// </summary>
    private async Task DeleteExpiredAsync(DecisionLogKind kind, string silo, CancellationToken cancellationToken)
    {
        if (retention <= TimeSpan.Zero)
        {
            return;
        }

        var now = time.GetUtcNow();
        try
        {
            await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{FolderDecisionLogStore.PrefixOf(kind)}{silo}-", cancellationToken))
            {
                if (DecisionLogFolder.IsExpired(item.Name, now, retention))
                {
                    await container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken);
                }
            }
        }
        catch (RequestFailedException)
        {
            // Tried again as the next hour begins.
        }
    }

    /// <summary>Part <paramref name="number"/> of a blob, created with its header, or found with the blocks it holds; a full one passes to the next.</summary>
    private async Task<BlobPart> OpenPartAsync(DecisionLogKind kind, string name, int number, CancellationToken cancellationToken)
    {
        while (true)
        {
            var extension = compress ? ".csv.gz" : ".csv";
            var blob = container.GetAppendBlobClient(number == 1 ? $"{name}{extension}" : $"{name}-part{number}{extension}");
            if ((await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken)) is not null)
            {
                await AppendBlockAsync(blob, (FolderDecisionLogStore.HeaderOf(kind) + "\n").AsMemory(), cancellationToken);
                return new BlobPart(blob, number) { Blocks = 1 };
            }

            var blocks = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.BlobCommittedBlockCount;
            if (blocks < maxBlocksPerBlob)
            {
                return new BlobPart(blob, number) { Blocks = blocks };
            }

            number++;
        }
    }

    private sealed record BlobPart(AppendBlobClient Blob, int Number)
    {
        public int Blocks { get; set; }
    }

    public async Task<IReadOnlyList<DecisionRecord>> ReadAsync(
        DateTimeOffset now, TimeSpan quoteTimeToLive, DateTimeOffset since, int newestLabelled, CancellationToken cancellationToken)
    {
        // Each blob holds one hour's rows (the hour is in its name): blobs of hours before the window, or before the
        // newest hours a run learns from, are not downloaded.
        if (!await container.ExistsAsync(cancellationToken))
        {
            return [];
        }

        async Task<List<string>> NamesAsync(DecisionLogKind kind)
        {
            var names = new List<string>();
            await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, FolderDecisionLogStore.PrefixOf(kind), cancellationToken))
            {
                names.Add(item.Name);
            }

            return names;
        }

        async Task<TextReader> OpenAsync(string name) =>
            ReaderOf(name, (await container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value.Content);

        return await DecisionLogFolder.ReadNewestAsync(
            await NamesAsync(DecisionLogKind.Decisions), await NamesAsync(DecisionLogKind.Purchases), OpenAsync, now, quoteTimeToLive, since, newestLabelled);
    }

    /// <summary>A log blob's rows as text, read as they arrive: gzip blobs (named <c>.gz</c>) decompressed, member after member.</summary>
    public static TextReader ReaderOf(string blobName, Stream content) =>
        new StreamReader(blobName.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(content, CompressionMode.Decompress) : content, Encoding.UTF8);

    private static readonly string DecisionsSchema = Fnv1aHash.Of(FolderDecisionLogStore.HeaderOf(DecisionLogKind.Decisions)).ToString("x8", CultureInfo.InvariantCulture);

    private static readonly string PurchasesSchema = Fnv1aHash.Of(FolderDecisionLogStore.HeaderOf(DecisionLogKind.Purchases)).ToString("x8", CultureInfo.InvariantCulture);

    private static string SchemaOf(DecisionLogKind kind) => kind == DecisionLogKind.Decisions ? DecisionsSchema : PurchasesSchema;

    private async Task AppendBlockAsync(AppendBlobClient blob, ReadOnlyMemory<char> text, CancellationToken cancellationToken)
    {
        // The buffers are kept for the next block: a batch of 100 ms at thousands of quotes a second is hundreds of
        // kilobytes, and arrays that large, made anew for every block, would each go to the large-object heap.
        var length = Encoding.UTF8.GetByteCount(text.Span);
        if (_utf8.Length < length)
        {
            _utf8 = new byte[Math.Max(length, 2 * _utf8.Length)];
        }

        Encoding.UTF8.GetBytes(text.Span, _utf8);
        Stream block;
        if (compress)
        {
            // One gzip member a block, at the fastest level: on these rows it keeps about a fifth of the bytes.
            _compressed.SetLength(0);
            using (var gzip = new GZipStream(_compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(_utf8, 0, length);
            }

            _compressed.Position = 0;
            block = _compressed;
        }
        else
        {
            block = new MemoryStream(_utf8, 0, length, writable: false);
        }

        await blob.AppendBlockAsync(block, cancellationToken: cancellationToken);
    }
}
