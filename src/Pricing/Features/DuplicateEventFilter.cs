namespace OrleansPricing.Pricing.Features;

/// <summary>
/// Remembers applied event ids so a redelivered event is applied once. Ids are kept for a window of event time behind
/// the newest event; an event older than that window can no longer be checked and is refused as too late, so the
/// "applied once" promise holds without keeping every id forever.
/// </summary>
public sealed class DuplicateEventFilter
{
    public Dictionary<string, DateTimeOffset> SeenIds { get; set; } = new(StringComparer.Ordinal);
    public DateTimeOffset? Newest { get; set; }

    public EventAdmission Admit(string eventId, DateTimeOffset timestamp, TimeSpan window)
    {
        if (SeenIds.ContainsKey(eventId))
        {
            return EventAdmission.Duplicate;
        }

        if (Newest is { } newest && timestamp < newest - window)
        {
            return EventAdmission.TooLate;
        }

        SeenIds[eventId] = timestamp;
        if (Newest is null || timestamp > Newest)
        {
            Newest = timestamp;
            Prune(window);
        }

        return EventAdmission.Accepted;
    }

    private void Prune(TimeSpan window)
    {
        var horizon = Newest!.Value - window;
        foreach (var (id, at) in SeenIds.Where(pair => pair.Value < horizon).ToList())
        {
            SeenIds.Remove(id);
        }
    }
}
