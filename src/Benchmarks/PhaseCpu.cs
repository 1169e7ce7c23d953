using System.Diagnostics;
using System.Globalization;

namespace OrleansPricing.Benchmarks;

/// <summary>
/// CPU used over one phase by this process and by Azurite (when it serves the cluster), each as a share of the cores and
/// per operation, so phases of different rates compare.
/// </summary>
internal sealed class PhaseCpu : IDisposable
{
    private readonly Process _self = Process.GetCurrentProcess();
    private readonly Func<TimeSpan>? _azurite;
    private readonly TimeSpan _selfBefore;
    private readonly TimeSpan _azuriteBefore;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly long _allocatedBefore = GC.GetTotalAllocatedBytes();
    private readonly TimeSpan _pausedBefore = GC.GetTotalPauseDuration();
    private readonly long _ephemeralBefore = GC.GetGCMemoryInfo(GCKind.Ephemeral).Index;
    private readonly int _gen0Before = GC.CollectionCount(0);
    private readonly int _gen1Before = GC.CollectionCount(1);
    private readonly int _gen2Before = GC.CollectionCount(2);
    private readonly int _threadsBefore = ThreadPool.ThreadCount;
    private readonly long _contentionsBefore = Monitor.LockContentionCount;

    /// <param name="azurite">Azurite's CPU time so far, or null when the cluster runs without it.</param>
    public PhaseCpu(Func<TimeSpan>? azurite)
    {
        _azurite = azurite;
        (_selfBefore, _azuriteBefore) = (_self.TotalProcessorTime, azurite?.Invoke() ?? TimeSpan.Zero);
    }

    /// <summary>
    /// The phase's line: <paramref name="generator"/> first when the load came from another process (its CPU measured by the
    /// caller), then this process in the role <paramref name="selfRole"/>, then Azurite.
    /// </summary>
    public string Describe(long operations, string selfRole, (string Name, TimeSpan Cpu)? generator = null)
    {
        _self.Refresh();
        var cores = Stopwatch.GetElapsedTime(_started).TotalSeconds * Environment.ProcessorCount;
        string Share(string name, double seconds, string unit) => string.Create(CultureInfo.InvariantCulture,
            $"{name} {seconds / cores:P0}, {seconds / Math.Max(1, operations) * 1e6:F0} µs {unit}");
        var parts = new List<string>();
        if (generator is { } load)
        {
            parts.Add(Share($"{load.Name} (load generator)", load.Cpu.TotalSeconds, "a request"));
        }

        parts.Add(Share($"this process ({selfRole})", (_self.TotalProcessorTime - _selfBefore).TotalSeconds, "an operation"));
        if (_azurite is not null)
        {
            parts.Add(Share("Azurite", (_azurite() - _azuriteBefore).TotalSeconds, "an operation"));
        }

        var elapsed = Stopwatch.GetElapsedTime(_started);
        var paused = GC.GetTotalPauseDuration() - _pausedBefore;
        // A collection counts in every generation up to its own: gen0's count is all of them.
        var (collections, gen1, full) = (GC.CollectionCount(0) - _gen0Before, GC.CollectionCount(1) - _gen1Before, GC.CollectionCount(2) - _gen2Before);
        return $"  CPU of {Environment.ProcessorCount} cores: {string.Join("; ", parts)}" + Environment.NewLine + string.Create(CultureInfo.InvariantCulture,
            $"  Memory of this process: {(GC.GetTotalAllocatedBytes() - _allocatedBefore) / (double)Math.Max(1, operations) / 1024:F1} KB allocated an operation; garbage collection paused it {paused.TotalMilliseconds:F0} ms ({paused / elapsed:P1} of the phase) in {collections} collections ({paused.TotalMilliseconds / Math.Max(1, collections):F1} ms each on average; {gen1 - full} of gen1, {full} full)")
            + LastEphemeralCollection()
            + Environment.NewLine + string.Create(CultureInfo.InvariantCulture,
            // Threads added while the phase ran mean work blocked them (the pool adds threads slowly, and every caller waits).
            $"  Thread pool: {_threadsBefore} → {ThreadPool.ThreadCount} threads, {ThreadPool.PendingWorkItemCount} work items waiting at the end; {Monitor.LockContentionCount - _contentionsBefore} contended locks");
    }

    /// <summary>What the phase's last gen0 or gen1 collection kept and how long it paused: a pause grows with what survives, not with what died.</summary>
    private string LastEphemeralCollection()
    {
        var last = GC.GetGCMemoryInfo(GCKind.Ephemeral);
        return last.Index <= _ephemeralBefore ? "" : string.Create(CultureInfo.InvariantCulture,
            $"; the last of gen0 or gen1 kept {last.PromotedBytes / 1048576.0:F1} MB of {last.GenerationInfo[0].SizeBeforeBytes / 1048576.0:F0} MB in gen0 and paused {last.PauseDurations[0].TotalMilliseconds:F1} ms");
    }

    public void Dispose() => _self.Dispose();
}
