using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Scoring;

/// <summary>
/// Dynamic batching in the manner of Triton's dynamic batcher: concurrent requests on a silo wait in a bounded queue;
/// one loop takes the first waiting request, gathers more until <see cref="ScoringOptions.MaxBatchRows"/> rows or
/// <see cref="ScoringOptions.MaxQueueDelay"/> has passed, scores them in one ONNX Runtime call and hands each caller its
/// own rows back, in order. A request that misses its deadline fails at the deadline; a full queue refuses new
/// requests at once.
/// </summary>
public sealed class MicroBatcher : IAsyncDisposable
{
    private readonly ActiveModel _model;
    private readonly ScoringOptions _options;
    private readonly TimeProvider _time;
    private readonly ScoringMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Channel<Request> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private readonly ConcurrentQueue<ShadowComparison> _shadowLog = new();
    private readonly SemaphoreSlim _runners;
    private readonly List<Task> _running = [];
    private Request? _carried;

    public MicroBatcher(ActiveModel model, ScoringOptions options, TimeProvider time, ScoringMetrics metrics, ILogger logger)
        : this(model, options, time, metrics, logger, startLoop: true)
    {
    }

    /// <param name="startLoop">False lets a test fill the queue before the loop runs; it then calls <see cref="Start"/>.</param>
    internal MicroBatcher(ActiveModel model, ScoringOptions options, TimeProvider time, ScoringMetrics metrics, ILogger logger, bool startLoop)
    {
        _model = model;
        _options = options;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _runners = new SemaphoreSlim(options.ConcurrentBatches, options.ConcurrentBatches);
        _queue = Channel.CreateBounded<Request>(new BoundedChannelOptions(options.MaxQueuedRequests)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        if (startLoop)
        {
            Start();
        }
    }

    internal void Start() => _loop ??= Task.Run(RunAsync);

    /// <summary>The latest shadow comparisons, newest last (at most 100).</summary>
    public IReadOnlyList<ShadowComparison> ShadowLog => _shadowLog.ToArray();

    /// <param name="rows">Row-major feature rows (<see cref="FeatureDefinition.Count"/> values each).</param>
    /// <returns>One probability per row, in row order.</returns>
    public async Task<float[]> ScoreAsync(float[] rows, TimeSpan? deadline = null) => (await ScoreAsync(rows, withShadow: false, deadline)).Active;

    /// <summary>
    /// The rows scored by the active version and, with <paramref name="withShadow"/>, the shadow version's scores of the
    /// same batch — the run the shadow comparison makes anyway, so a quote on trial costs no second scoring.
    /// </summary>
    public Task<BatchScores> ScoreAsync(float[] rows, bool withShadow, TimeSpan? deadline = null)
    {
        if (rows.Length % FeatureDefinition.Count != 0)
        {
            throw new ArgumentException($"Rows must come in whole rows of {FeatureDefinition.Count} values; got {rows.Length} values.", nameof(rows));
        }

        var rowCount = rows.Length / FeatureDefinition.Count;
        if (rowCount == 0)
        {
            return Task.FromResult(new BatchScores([], null, null));
        }

        var within = deadline ?? _options.RequestDeadline;
        var request = new Request(rows, rowCount, withShadow, _time.GetTimestamp(), new CancellationTokenSource(within, _time));

        // Registered before the request is visible to the loop, which disposes the timer once the request is served.
        request.Deadline.Token.Register(() =>
        {
            if (request.Completion.TrySetException(new ScoringDeadlineExceededException($"Not scored within {within.TotalMilliseconds:F0} ms.")))
            {
                _metrics.Late();
            }
        });
        if (!_queue.Writer.TryWrite(request))
        {
            request.Deadline.Dispose();
            _metrics.Refused();
            return Task.FromException<BatchScores>(
                new ScoringOverloadedException($"The scoring queue is full ({_options.MaxQueuedRequests} requests waiting); retry later."));
        }

        return request.Completion.Task;
    }

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        try
        {
            while (true)
            {
                // Gather only when a runner is free: requests keep queueing meanwhile, so batches grow with load.
                await _runners.WaitAsync(token);
                var batch = new List<Request>();
                var first = _carried ?? await _queue.Reader.ReadAsync(token);
                _carried = null;
                batch.Add(first);
                var rows = first.RowCount;
                var closeAt = _time.GetTimestamp() + (long)(_options.MaxQueueDelay.TotalSeconds * _time.TimestampFrequency);
                while (rows < _options.MaxBatchRows)
                {
                    if (_queue.Reader.TryRead(out var next))
                    {
                        if (rows + next.RowCount > _options.MaxBatchRows)
                        {
                            _carried = next; // starts the next batch
                            break;
                        }

                        batch.Add(next);
                        rows += next.RowCount;
                        continue;
                    }

                    var remaining = _time.GetElapsedTime(_time.GetTimestamp(), closeAt);
                    if (remaining <= TimeSpan.Zero || !await WaitForMoreAsync(remaining, token))
                    {
                        break;
                    }
                }

                var run = Task.Run(() =>
                {
                    try
                    {
                        Score(batch);
                    }
                    finally
                    {
                        _runners.Release();
                    }
                }, CancellationToken.None);
                lock (_running)
                {
                    _running.RemoveAll(task => task.IsCompleted);
                    _running.Add(run);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException)
        {
        }
    }

    private async Task<bool> WaitForMoreAsync(TimeSpan remaining, CancellationToken token)
    {
        // The linger runs on the injected clock, so tests drive it with a fake one.
        using var delay = new CancellationTokenSource(remaining, _time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token, delay.Token);
        try
        {
            return await _queue.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Score(List<Request> batch)
    {
        // Requests that already timed out are skipped: their callers have their answer.
        batch.RemoveAll(request =>
        {
            if (!request.Completion.Task.IsCompleted)
            {
                return false;
            }

            request.Deadline.Dispose();
            return true;
        });
        if (batch.Count == 0)
        {
            return;
        }

        var rowCount = batch.Sum(request => request.RowCount);
        var buffer = ArrayPool<float>.Shared.Rent(rowCount * FeatureDefinition.Count);
        var offset = 0;
        foreach (var request in batch)
        {
            request.Start = offset / FeatureDefinition.Count;
            request.Rows.CopyTo(buffer, offset);
            offset += request.Rows.Length;
        }

        _metrics.Batch(batch.Count, rowCount, _time.GetElapsedTime(batch.Min(request => request.EnqueuedAt)).TotalMilliseconds);
        try
        {
            using var leases = _model.Acquire();
            var probabilities = leases.Active.Score(buffer, rowCount);

            // Callers that want only the active scores get them before the shadow runs; the others after it.
            Complete(batch.Where(request => !request.WithShadow), probabilities, null, null);
            var shadow = leases.Shadow is { } scorer ? CompareShadow(leases.Active.Version, scorer, buffer, probabilities, rowCount) : null;
            Complete(batch.Where(request => request.WithShadow), probabilities, leases.Shadow?.Version, shadow);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            foreach (var request in batch)
            {
                request.Completion.TrySetException(exception);
                request.Deadline.Dispose();
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Hands each request its slice of the batch's scores (the batch's requests in order, rows back to back).</summary>
    private static void Complete(IEnumerable<Request> requests, float[] active, string? shadowVersion, float[]? shadow)
    {
        foreach (var request in requests)
        {
            request.Completion.TrySetResult(new BatchScores(
                active.AsSpan(request.Start, request.RowCount).ToArray(), shadowVersion, shadow?.AsSpan(request.Start, request.RowCount).ToArray()));
            request.Deadline.Dispose();
        }
    }

    /// <returns>The shadow's scores of the batch, or null when it failed (logged; serving goes on).</returns>
    private float[]? CompareShadow(string activeVersion, OnnxScorer shadow, float[] rows, float[] active, int rowCount)
    {
        try
        {
            var candidate = shadow.Score(rows, rowCount);
            var differences = active.Zip(candidate, (a, b) => Math.Abs((double)a - b)).ToArray();
            foreach (var difference in differences)
            {
                _metrics.ShadowDifference(difference);
            }

            _shadowLog.Enqueue(new ShadowComparison(_time.GetUtcNow(), activeVersion, shadow.Version, rowCount, differences.Average(), differences.Max()));
            while (_shadowLog.Count > 100)
            {
                _shadowLog.TryDequeue(out _);
            }

            return candidate;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            ScoringLog.ShadowFailed(_logger, shadow.Version, exception);
            return null;
        }
    }

    /// <summary>Waits for the batches running now (and their shadow comparisons) to finish.</summary>
    internal Task DrainAsync()
    {
        lock (_running)
        {
            return Task.WhenAll(_running.ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running);
        while (_queue.Reader.TryRead(out var request))
        {
            request.Completion.TrySetException(new ObjectDisposedException(nameof(MicroBatcher), "The silo is stopping."));
        }

        _carried?.Completion.TrySetException(new ObjectDisposedException(nameof(MicroBatcher), "The silo is stopping."));
        _stopping.Dispose();
        _runners.Dispose();
    }

    private sealed class Request(float[] rows, int rowCount, bool withShadow, long enqueuedAt, CancellationTokenSource deadline)
    {
        public float[] Rows { get; } = rows;
        public int RowCount { get; } = rowCount;
        public bool WithShadow { get; } = withShadow;

        /// <summary>The request's first row in its batch, set when the batch is assembled.</summary>
        public int Start { get; set; }

        public long EnqueuedAt { get; } = enqueuedAt;
        public TaskCompletionSource<BatchScores> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenSource Deadline { get; } = deadline;
    }
}
