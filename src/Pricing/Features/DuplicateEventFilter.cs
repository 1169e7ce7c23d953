namespace OrleansPricing.Pricing.Features;

/// <summary>
/// Remembers applied event ids so a redelivered event is applied once. Ids are kept for a window of event time behind
/// the newest event; an event older than that window can no longer be checked and is refused as too late, so the
/// "applied once" promise holds without keeping every id forever. At most <see cref="MaxIds"/> ids are kept, so a
/// customer's state stays far below a storage row's size however many events arrive: past it the oldest ids go, and
/// events no later than the newest of them (<see cref="Floor"/>) are refused as too late too.
/// </summary>
public sealed class DuplicateEventFilter
{
    /// <summary>About 250 KB of ids in a customer's state.</summary>
    public const int MaxIds = 5000;

    public Dictionary<string, DateTimeOffset> SeenIds { get; set; } = new(StringComparer.Ordinal);
    public DateTimeOffset? Newest { get; set; }

    /// <summary>The newest timestamp of an id forgotten for room: events at or before it can no longer be checked.</summary>
    public DateTimeOffset? Floor { get; set; }

    public EventAdmission Admit(string eventId, DateTimeOffset timestamp, TimeSpan window)
    {
        if (SeenIds.ContainsKey(eventId))
        {
            return EventAdmission.Duplicate;
        }

        if ((Newest is { } newest && timestamp < Horizon(newest, window)) || timestamp <= Floor)
        {
            return EventAdmission.TooLate;
        }

        SeenIds[eventId] = timestamp;
        if (Newest is null || timestamp > Newest)
        {
            Newest = timestamp;
            Prune(window);
        }

        if (SeenIds.Count > MaxIds)
        {
            foreach (var (id, at) in SeenIds.OrderBy(pair => pair.Value).Take(SeenIds.Count - MaxIds).ToList())
            {
                SeenIds.Remove(id);
                Floor = Floor is { } floor && floor > at ? floor : at;
            }
        }

        return EventAdmission.Accepted;
    }

    /// <summary>
    /// <paramref name="newest"/> less the window, or the earliest representable time when that would be before it: an
    /// event dated near year 1 must not make every later event of the customer fail on date arithmetic.
    /// </summary>
    private static DateTimeOffset Horizon(DateTimeOffset newest, TimeSpan window) =>
        newest - DateTimeOffset.MinValue < window ? DateTimeOffset.MinValue : newest - window;

    private void Prune(TimeSpan window)
    {
        var horizon = Horizon(Newest!.Value, window);
        foreach (var (id, at) in SeenIds.Where(pair => pair.Value < horizon).ToList())
        {
            SeenIds.Remove(id);
        }
    }
}
