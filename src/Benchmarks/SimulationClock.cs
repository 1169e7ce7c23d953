using System.Diagnostics;

namespace OrleansPricing.Benchmarks;

/// <summary>
/// Business time that the simulation sets by hand, so a week-long campaign runs in seconds, or lets run at a multiple of
/// real time. It is registered only as the pricing clock: the Orleans runtime keeps real time for membership and timeouts.
/// </summary>
public sealed class SimulationClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _anchor = start;
    private long _anchorTimestamp;
    private double _speed;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _speed == 0 ? _anchor : _anchor + Stopwatch.GetElapsedTime(_anchorTimestamp) * _speed;
        }
    }

    /// <summary>Stops the clock at <paramref name="now"/>.</summary>
    public void Set(DateTimeOffset now) => Run(now, speed: 0);

    /// <summary>From <paramref name="now"/> on, business time passes <paramref name="speed"/> times as fast as real time.</summary>
    public void Run(DateTimeOffset now, double speed)
    {
        lock (_gate)
        {
            _anchor = now;
            _anchorTimestamp = Stopwatch.GetTimestamp();
            _speed = speed;
        }
    }
}
