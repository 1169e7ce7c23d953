namespace OrleansPricing.Benchmarks;

/// <summary>
/// A fixed offered rate shared by the workers (open loop, as wrk2 sends): each worker sends on its own beat,
/// <c>workers / rate</c> apart, the workers' beats staggered evenly, so together they offer the rate whatever the answers
/// take. A request's latency counts from its beat when the worker was still waiting on an earlier answer at that beat (the
/// delay the service caused, which a closed loop leaves out), and from its actual send otherwise (the load generator's
/// timer waking late is not the service's time).
/// </summary>
public sealed class OpenLoopSchedule
{
    private readonly long _start;
    private readonly double _beatTicks;
    private readonly int _workers;

    /// <param name="start">The phase's start, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</param>
    /// <param name="ratePerSecond">Requests a second offered by all the workers together.</param>
    /// <param name="ticksPerSecond">Timestamp ticks a second (<see cref="System.Diagnostics.Stopwatch.Frequency"/>).</param>
    public OpenLoopSchedule(long start, double ratePerSecond, int workers, long ticksPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        _start = start;
        _workers = workers;
        _beatTicks = workers * (double)ticksPerSecond / ratePerSecond;
    }

    /// <summary>When worker <paramref name="worker"/> is to send its request number <paramref name="sequence"/> (from 0).</summary>
    public long Beat(int worker, long sequence) => _start + (long)((sequence + (double)worker / _workers) * _beatTicks);

    /// <summary>Where a request's latency starts: its beat if the worker was busy past it, else when it was sent.</summary>
    /// <param name="beat">The request's beat.</param>
    /// <param name="freeAt">When the worker's previous answer came (or the phase started).</param>
    /// <param name="sentAt">When the request was sent.</param>
    public static long LatencyStart(long beat, long freeAt, long sentAt) => freeAt > beat ? beat : sentAt;
}
