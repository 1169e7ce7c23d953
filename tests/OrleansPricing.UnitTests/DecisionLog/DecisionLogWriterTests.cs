using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansPricing.Contracts.Scoring;
using OrleansPricing.Contracts.Telemetry;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.UnitTests.DecisionLog;

public sealed class DecisionLogWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Only the name matters to the writer (it names the silo's files).</summary>
    private sealed class NamedSilo : ILocalSiloDetails
    {
        public string Name => "silo-a";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => SiloAddress.New(System.Net.IPAddress.Loopback, 11111, 1);

        public SiloAddress GatewayAddress => SiloAddress;
    }

    private static DecisionRecord Record(int i) => new(
        $"q-{i}", Now, "c", new QuoteContext("web", Now), new ProductFacts("A", "home", 10m, 4m, 0m, 0.3, 1, 0),
        CustomerFeatureSnapshot.ColdStart(Now), 0, 1, "m", null);

    [Fact]
    public async Task Rows_past_the_bound_are_dropped_and_counted_and_everything_queued_reaches_the_disk()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"decision-log-writer-{Guid.NewGuid():N}");
        using var writer = new DecisionLogWriter(
            Options.Create(new DecisionLogOptions { Directory = folder, MaxPendingRows = 3 }), new FolderDecisionLogStore(folder, TimeProvider.System), new NamedSilo(),
            NullLogger<DecisionLogWriter>.Instance, TimeProvider.System);
        try
        {
            // Not started yet: nothing drains the queue, so the bound is what holds.
            for (var i = 0; i < 5; i++)
            {
                writer.Decision(Record(i));
            }

            Assert.Equal(2, writer.Dropped);

            await writer.StartAsync(CancellationToken.None);
            await writer.FlushAsync();

            Assert.Equal(["q-0", "q-1", "q-2"], DecisionLogFolder.Read(folder, Now, TimeSpan.FromMinutes(15)).Select(d => d.DecisionId));
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Records what the writer appends (the stores themselves are tested against a folder and Azurite).</summary>
    private sealed class RecordingStore : IDecisionLogStore
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Appends { get; } = new();

        public SemaphoreSlim Appended { get; } = new(0);

        public string Location => "memory";

        public Task OpenAsync(string silo, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task AppendAsync(DecisionLogKind kind, string silo, ReadOnlyMemory<char> rows, CancellationToken cancellationToken)
        {
            // Copied: the writer reuses its buffer once the append has completed.
            Appends.Enqueue(rows.ToString());
            Appended.Release();
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<DecisionRecord>> ReadAsync(DateTimeOffset now, TimeSpan quoteTimeToLive, DateTimeOffset since, int newestLabelled, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    /// <summary>A store that cannot be opened, or refuses the appends it is told to (a storage account out of reach).</summary>
    private sealed class FailingStore(bool failOpen, int failAppends) : IDecisionLogStore
    {
        private int _failAppends = failAppends;

        public RecordingStore Taken { get; } = new();

        public string Location => "failing";

        public Task OpenAsync(string silo, CancellationToken cancellationToken) =>
            failOpen ? throw new IOException("storage out of reach") : Task.CompletedTask;

        public Task AppendAsync(DecisionLogKind kind, string silo, ReadOnlyMemory<char> rows, CancellationToken cancellationToken) =>
            Interlocked.Decrement(ref _failAppends) >= 0 ? throw new IOException("storage out of reach") : Taken.AppendAsync(kind, silo, rows, cancellationToken);

        public Task<IReadOnlyList<DecisionRecord>> ReadAsync(DateTimeOffset now, TimeSpan quoteTimeToLive, DateTimeOffset since, int newestLabelled, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    /// <summary>The business meter's decision-log figures as a scrape reads them: each instrument's measurements by its one tag's value.</summary>
    private sealed class LogFigures(IMeterFactory meters) : IDisposable
    {
        private readonly MetricCollector<long> _rows = new(meters, TelemetryNames.BusinessMeter, "pricing.decision_log.rows");
        private readonly MetricCollector<long> _lost = new(meters, TelemetryNames.BusinessMeter, "pricing.decision_log.rows_lost");
        private readonly MetricCollector<int> _pending = new(meters, TelemetryNames.BusinessMeter, "pricing.decision_log.pending");
        private readonly MetricCollector<int> _enabled = new(meters, TelemetryNames.BusinessMeter, "pricing.decision_log.enabled");

        public (long Decisions, long Purchases, long QueueFull, long WriteFailed, int Pending, int Enabled) Read()
        {
            Observe(_rows);
            Observe(_lost);
            Observe(_pending);
            Observe(_enabled);
            long Tagged(MetricCollector<long> collector, string tag, string value) =>
                collector.GetMeasurementSnapshot().Single(m => (string?)m.Tags[tag] == value).Value;
            return (Tagged(_rows, "kind", "decisions"), Tagged(_rows, "kind", "purchases"), Tagged(_lost, "reason", "queue-full"),
                Tagged(_lost, "reason", "write-failed"), _pending.GetMeasurementSnapshot().Single().Value, _enabled.GetMeasurementSnapshot().Single().Value);
        }

        /// <summary>One observation now, as a scrape makes, in place of the earlier ones.</summary>
        private static void Observe<T>(MetricCollector<T> collector)
            where T : struct
        {
            collector.Clear();
            collector.RecordObservableInstruments();
        }

        public void Dispose()
        {
            _rows.Dispose();
            _lost.Dispose();
            _pending.Dispose();
            _enabled.Dispose();
        }
    }

    [Fact]
    public async Task The_rows_written_lost_and_queued_reach_the_business_meter()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var store = new FailingStore(failOpen: false, failAppends: 1);
        using var writer = new DecisionLogWriter(
            Options.Create(new DecisionLogOptions { MaxPendingRows = 3 }), store, new NamedSilo(), NullLogger<DecisionLogWriter>.Instance, TimeProvider.System);
        DecisionLogMetrics.Observe(meters, writer);
        using var figures = new LogFigures(meters);

        // Not started: three rows queued, two past the bound dropped.
        for (var i = 0; i < 5; i++)
        {
            writer.Decision(Record(i));
        }

        Assert.Equal((0, 0, 2, 0, 3, 1), figures.Read());

        // The store refuses the first batch (the three rows), then takes the next: two decisions and a purchase.
        await writer.StartAsync(CancellationToken.None);
        try
        {
            await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
            writer.Decision(Record(5));
            writer.Decision(Record(6));
            writer.Purchase("q-6", "o-1", Now);
            await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal((2, 1, 2, 3, 0, 1), figures.Read());
            // What the silo reports beside its scoring pool (the admin API's and console's silos): the same counts.
            Assert.Equal(new SiloDecisionLogStatus(SiloDecisionLogStatus.Writing, 2, 1, 5, 0), writer.Status());
            // The rows the store took, however the loop batched them (rows written between two batches may go in either).
            Assert.Equal(3, store.Taken.Appends.Sum(rows => rows.Count(c => c == '\n')));
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_log_that_cannot_be_opened_reads_as_off_on_the_business_meter()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var writer = new DecisionLogWriter(
            Options.Create(new DecisionLogOptions()), new FailingStore(failOpen: true, failAppends: 0), new NamedSilo(), NullLogger<DecisionLogWriter>.Instance, TimeProvider.System);
        DecisionLogMetrics.Observe(meters, writer);
        using var figures = new LogFigures(meters);
        Assert.Equal(1, figures.Read().Enabled);

        await writer.StartAsync(CancellationToken.None);
        await writer.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        writer.Decision(Record(0));

        // Off: nothing queued or counted as lost, since nothing is logged (and the silo's quotes are not explored).
        Assert.False(writer.Enabled);
        Assert.Equal((0, 0, 0, 0, 0, 0), figures.Read());
        Assert.Equal(new SiloDecisionLogStatus(SiloDecisionLogStatus.Unwritable, 0, 0, 0, 0), writer.Status());
        await writer.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// A fake clock that says when a timer was set: the writer's loop runs on the thread pool, and a clock moved before
    /// its interval's timer exists leaves that timer waiting for a second move that never comes.
    /// </summary>
    private sealed class TimerWatchingTime(DateTimeOffset start) : Microsoft.Extensions.Time.Testing.FakeTimeProvider(start)
    {
        public SemaphoreSlim TimerSet { get; } = new(0);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            TimerSet.Release();
            return timer;
        }
    }

    [Fact]
    public async Task Rows_of_a_flush_interval_go_in_one_append_and_a_flush_asked_for_writes_at_once()
    {
        var time = new TimerWatchingTime(Now);
        var store = new RecordingStore();
        using var writer = new DecisionLogWriter(
            Options.Create(new DecisionLogOptions { FlushInterval = TimeSpan.FromSeconds(1) }), store, new NamedSilo(),
            NullLogger<DecisionLogWriter>.Instance, time);
        await writer.StartAsync(CancellationToken.None);
        try
        {
            for (var i = 0; i < 3; i++)
            {
                writer.Decision(Record(i));
                await Task.Yield();
            }

            // The loop took the first row and waits out the interval; the other rows join that batch.
            Assert.True(await time.TimerSet.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Empty(store.Appends);
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(await store.Appended.WaitAsync(TimeSpan.FromSeconds(10)));

            writer.Decision(Record(3));
            writer.Decision(Record(4));
            await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal([3, 2], store.Appends.Select(rows => rows.Count(c => c == '\n')));
            // The writer reuses one text buffer: the second batch holds its own rows and nothing of the first's.
            Assert.Equal(["q-3", "q-4"], store.Appends.Last().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(row => row.Split(',')[0]));
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_backlog_goes_in_batches_cut_at_their_size_without_waiting_for_the_interval()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var store = new RecordingStore();
        using var writer = new DecisionLogWriter(
            Options.Create(new DecisionLogOptions { FlushInterval = TimeSpan.FromSeconds(1), MaxPendingRows = 50_000 }), store, new NamedSilo(),
            NullLogger<DecisionLogWriter>.Instance, time);
        const int Rows = 40_000;
        for (var i = 0; i < Rows; i++)
        {
            writer.Decision(Record(i));
        }

        await writer.StartAsync(CancellationToken.None);
        try
        {
            // The flush asked for ends the first batch's wait; the clock never moves, so a batch after it that waited for
            // the interval would never be written and the flush would not complete.
            await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));

            var appends = store.Appends.ToList();
            // A batch ends within its last row, the longest of which bounds how far past the size it may go (ids differ in length).
            var rowChars = appends.SelectMany(rows => rows.Split('\n')).Max(row => row.Length) + 1;
            Assert.Equal(Rows, appends.Sum(rows => rows.Count(c => c == '\n')));
            Assert.Equal(Enumerable.Range(0, Rows).Select(i => $"q-{i}"), appends.SelectMany(rows => rows.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Select(row => row.Split(',')[0]));
            Assert.All(appends, rows => Assert.InRange(rows.Length, 1, DecisionLogWriter.BatchChars + rowChars));
            var batches = (int)Math.Ceiling(appends.Sum(rows => rows.Length) / (double)DecisionLogWriter.BatchChars);
            Assert.InRange(batches, 2, int.MaxValue);
            Assert.InRange(appends.Count, batches, batches + 1);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }
}
