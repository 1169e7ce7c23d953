using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Pricing.DecisionLog;

namespace OrleansPricing.Grains.DecisionLog;

/// <summary>
/// Appends this silo's pricing decisions (docs/decision-log.md, <c>purchased</c> left empty) to
/// its decisions files and the quotes that became orders to its purchases files, through the configured store (a folder
/// or blob storage, a pair an hour: <see cref="FolderDecisionLogStore"/>, <see cref="BlobDecisionLogStore"/>); the
/// training command joins the two. Quotes enqueue the records and return: a background loop formats,
/// writes and flushes them, so the quote path neither formats CSV nor waits on the disk. Everything enqueued is written before the silo stops.
/// </summary>
public sealed class DecisionLogWriter(
    IOptions<DecisionLogOptions> options,
    IDecisionLogStore? store,
    ILocalSiloDetails silo,
    ILogger<DecisionLogWriter> logger,
    TimeProvider time) : BackgroundService
{
    /// <summary>Set when a flush is asked for, so the loop writes without waiting out <see cref="DecisionLogOptions.FlushInterval"/>.</summary>
    private TaskCompletionSource _flushAsked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Bounded, so a disk that cannot keep up costs log rows, never the silo's memory: past the bound a row is dropped
    /// and counted (<see cref="Dropped"/>). Flushes are never dropped.
    /// </summary>
    private readonly Channel<Entry> _lines = Channel.CreateBounded<Entry>(
        new BoundedChannelOptions(Math.Max(1, options.Value.MaxPendingRows)) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _dropped;
    private long _lostInWrites;
    private long _decisionsWritten;
    private long _purchasesWritten;

    /// <summary>Rows dropped because the queue to the disk was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Rows of batches the store refused (each batch is tried once; the next one is tried anew).</summary>
    public long LostInWrites => Interlocked.Read(ref _lostInWrites);

    /// <summary>Rows of <paramref name="kind"/> the store took.</summary>
    public long Written(DecisionLogKind kind) =>
        kind == DecisionLogKind.Decisions ? Interlocked.Read(ref _decisionsWritten) : Interlocked.Read(ref _purchasesWritten);

    /// <summary>Rows queued and not yet taken by a batch.</summary>
    public int Pending => _lines.Reader.Count;

    /// <summary>
    /// <see cref="SiloDecisionLogStatus.Writing"/>, <see cref="SiloDecisionLogStatus.Off"/> (no store configured) or
    /// <see cref="SiloDecisionLogStatus.Unwritable"/> (the store could not be opened): the one reading of the log's state
    /// that the silo's report, health check and metrics share.
    /// </summary>
    public string State => Store is null ? SiloDecisionLogStatus.Off : _unwritable ? SiloDecisionLogStatus.Unwritable : SiloDecisionLogStatus.Writing;

    /// <summary>What the silo reports of its log beside its scoring pool (the console's silos table).</summary>
    public SiloDecisionLogStatus Status() =>
        new(State, Written(DecisionLogKind.Decisions), Written(DecisionLogKind.Purchases), Dropped + LostInWrites, Pending);

    /// <summary>Where the log goes; null when the log is off.</summary>
    public IDecisionLogStore? Store { get; } = store;

    private volatile bool _unwritable;

    /// <summary>A directory is configured and could be opened (a log that cannot be written is reported, not fatal).</summary>
    public bool Enabled => Store is not null && !_unwritable;

    public void Decision(DecisionRecord record)
    {
        if (Enabled)
        {
            Enqueue(new Entry(record, null, null));
        }
    }

    public void Purchase(string decisionId, string orderId, DateTimeOffset at)
    {
        if (Enabled)
        {
            Enqueue(new Entry(null, new PurchaseLine(decisionId, orderId, at), null));
        }
    }

    /// <summary>Completes once everything enqueued before the call is on disk (for shutdown hooks and tests).</summary>
    public Task FlushAsync()
    {
        if (!Enabled)
        {
            return Task.CompletedTask;
        }

        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return WaitAndFlushAsync(flushed);
    }

    private async Task WaitAndFlushAsync(TaskCompletionSource flushed)
    {
        try
        {
            await _lines.Writer.WriteAsync(new Entry(null, null, flushed));
        }
        catch (ChannelClosedException)
        {
            return;
        }

        // After the entry is queued: the loop takes the signal before it drains the queue, so the entry is in this batch or the next, which does not wait.
        Volatile.Read(ref _flushAsked).TrySetResult();
        await flushed.Task;
    }

    private void Enqueue(Entry entry)
    {
        if (!_lines.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _lines.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Store is null)
        {
            return;
        }

        var name = string.Concat(silo.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_'));
        try
        {
            await Store.OpenAsync(name, stoppingToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Azure.RequestFailedException)
        {
            // Pricing goes on without the log; the error says where and why, once.
            _unwritable = true;
            _lines.Writer.TryComplete();
            DecisionLogWriterLog.Unwritable(logger, Store.Location, exception);
            return;
        }

        DecisionLogWriterLog.Started(logger, Store.Location, name);

        // Not cancelled by the stopping token: StopAsync completes the channel, and the loop drains it before returning.
        var lastWrite = time.GetTimestamp();
        // One text buffer a kind for the writer's life, one array from the start, and batches cut before they outgrow it:
        // a batch never leaves it for new chunks, so it is never copied into a new string, nor the buffer reallocated when
        // emptied (each of those an array for the large-object heap, several a batch at 5,000 quotes/s, and so full
        // collections). The purchases' buffer grows as it needs (a row an order line, few).
        using var decisionText = new StringWriter(new StringBuilder(BatchChars + RowSlackChars), CultureInfo.InvariantCulture);
        using var purchaseText = new StringWriter(CultureInfo.InvariantCulture);
        var cut = false;
        while (await _lines.Reader.WaitToReadAsync(CancellationToken.None))
        {
            var wait = options.Value.FlushInterval - time.GetElapsedTime(lastWrite);
            // After a batch cut at its size the queue holds more: written at once, the interval bounds appends, not rows.
            if (wait > TimeSpan.Zero && !cut && !stoppingToken.IsCancellationRequested)
            {
                // Rows of the interval gather into one batch; a flush asked for, or stopping, ends the wait.
                await Task.WhenAny(Task.Delay(wait, time, stoppingToken), Volatile.Read(ref _flushAsked).Task);
            }

            // A signal taken is replaced before the queue is drained; one set later leaves the next batch not waiting.
            if (_flushAsked.Task.IsCompleted)
            {
                Interlocked.Exchange(ref _flushAsked, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            lastWrite = time.GetTimestamp();
            var waiting = new List<TaskCompletionSource>();
            var (decisions, purchases) = (0L, 0L);
            Empty(decisionText);
            Empty(purchaseText);
            using (var decisionRows = DecisionLogCsv.RowWriter(decisionText))
            using (var purchaseRows = DecisionLogCsv.RowWriter(purchaseText))
            {
                while (!(cut = decisionText.GetStringBuilder().Length >= BatchChars || purchaseText.GetStringBuilder().Length >= BatchChars)
                    && _lines.Reader.TryRead(out var item))
                {
                    // Formatting happens here, off the quote path.
                    if (item.Decision is { } decision)
                    {
                        DecisionLogCsv.WriteDecision(decisionRows, decision);
                        decisions++;
                    }
                    else if (item.Purchase is { } purchase)
                    {
                        DecisionLogCsv.WritePurchase(purchaseRows, purchase.DecisionId, purchase.OrderId, purchase.At);
                        purchases++;
                    }

                    if (item.Flushed is not null)
                    {
                        waiting.Add(item.Flushed);
                    }
                }
            }

            try
            {
                if (decisions > 0)
                {
                    await Store.AppendAsync(DecisionLogKind.Decisions, name, Contents(decisionText), CancellationToken.None);
                    Interlocked.Add(ref _decisionsWritten, decisions);
                    decisions = 0;
                }

                if (purchases > 0)
                {
                    await Store.AppendAsync(DecisionLogKind.Purchases, name, Contents(purchaseText), CancellationToken.None);
                    Interlocked.Add(ref _purchasesWritten, purchases);
                    purchases = 0;
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Azure.RequestFailedException)
            {
                // What the store did not take is lost (counted), the next batch is tried: the log serves learning, never
                // orders or money.
                Interlocked.Add(ref _lostInWrites, decisions + purchases);
                DecisionLogWriterLog.BatchLost(logger, Store.Location, exception);
            }

            waiting.ForEach(flushed => flushed.SetResult());
        }
    }

    /// <summary>
    /// A batch ends once its text reaches this many characters (about 2,000 decision rows of some 530), the rest of the
    /// queue going in the next batches at once: the 100 ms of rows at 5,000 quotes/s (about 1,500 rows) fit one batch.
    /// </summary>
    public const int BatchChars = 1 << 20;

    /// <summary>Room past <see cref="BatchChars"/> for the row that crosses it.</summary>
    private const int RowSlackChars = 1 << 16;

    /// <summary>
    /// The most a buffer keeps between batches: one that a row longer than <see cref="RowSlackChars"/> grew (in new
    /// chunks) goes back to this.
    /// </summary>
    private const int RetainedChars = BatchChars + RowSlackChars;

    /// <summary>Empties a buffer for the next batch, keeping its capacity up to <see cref="RetainedChars"/>.</summary>
    private static void Empty(StringWriter text)
    {
        var buffer = text.GetStringBuilder().Clear();
        if (buffer.Capacity > RetainedChars)
        {
            buffer.Capacity = RetainedChars;
        }
    }

    /// <summary>The batch's text without copying it when it fits the buffer's one chunk (once the buffer has grown to the batches' size).</summary>
    private static ReadOnlyMemory<char> Contents(StringWriter text)
    {
        var chunks = text.GetStringBuilder().GetChunks();
        return chunks.MoveNext() && chunks.Current.Length == text.GetStringBuilder().Length ? chunks.Current : text.ToString().AsMemory();
    }

    private sealed record Entry(DecisionRecord? Decision, PurchaseLine? Purchase, TaskCompletionSource? Flushed);

    private sealed record PurchaseLine(string DecisionId, string OrderId, DateTimeOffset At);
}
