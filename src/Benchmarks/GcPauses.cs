using System.Diagnostics.Tracing;
using System.Globalization;

namespace OrleansPricing.Benchmarks;

/// <summary>
/// Every garbage collection pause of this process with when it began and its generation, from the runtime's own GC
/// events: a round's slowest requests can then be set beside the pauses that held them (<see cref="SlowRequests"/>).
/// </summary>
public sealed class GcPauses : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly Lock _gate = new();
    private readonly List<(DateTime At, TimeSpan Paused, int Generation)> _pauses = [];
    private DateTime _suspendedAt;
    private int _generation = -1;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        switch (eventData.EventName)
        {
            case "GCSuspendEEBegin_V1":
                _suspendedAt = eventData.TimeStamp.ToUniversalTime();
                break;
            case "GCStart_V2" when eventData.PayloadNames?.IndexOf("Depth") is >= 0 and var depth:
                _generation = Convert.ToInt32(eventData.Payload![depth], CultureInfo.InvariantCulture);
                break;
            case "GCRestartEEEnd_V1" when _suspendedAt != default:
                lock (_gate)
                {
                    _pauses.Add((_suspendedAt, eventData.TimeStamp.ToUniversalTime() - _suspendedAt, _generation));
                }

                _suspendedAt = default;
                break;
        }
    }

    /// <summary>The longest pauses that began at or after <paramref name="since"/>, longest first.</summary>
    public IReadOnlyList<(DateTime At, TimeSpan Paused, int Generation)> Longest(DateTime since, int count)
    {
        lock (_gate)
        {
            return _pauses.Where(pause => pause.At >= since).OrderByDescending(pause => pause.Paused).Take(count).ToList();
        }
    }

    /// <summary>One line: the round's three longest pauses, each with its start in seconds from <paramref name="roundStart"/>.</summary>
    public string Describe(DateTime roundStart) =>
        "  Longest collection pauses: " + string.Join(", ", Longest(roundStart, 3).Select(pause => string.Create(CultureInfo.InvariantCulture,
            $"{pause.Paused.TotalMilliseconds:F1} ms at {(pause.At - roundStart).TotalSeconds:F2} s (gen{pause.Generation})")));
}
