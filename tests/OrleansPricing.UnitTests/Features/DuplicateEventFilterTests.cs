using OrleansPricing.Pricing.Features;

namespace OrleansPricing.UnitTests.Features;

public sealed class DuplicateEventFilterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);

    [Fact]
    public void Same_id_is_admitted_once()
    {
        var filter = new DuplicateEventFilter();

        Assert.Equal(EventAdmission.Accepted, filter.Admit("e1", T0, Window));
        Assert.Equal(EventAdmission.Duplicate, filter.Admit("e1", T0, Window));
        Assert.Equal(EventAdmission.Duplicate, filter.Admit("e1", T0.AddDays(1), Window));
    }

    [Fact]
    public void Late_event_inside_the_window_is_admitted()
    {
        var filter = new DuplicateEventFilter();
        filter.Admit("new", T0.AddDays(20), Window);

        Assert.Equal(EventAdmission.Accepted, filter.Admit("old", T0, Window));
    }

    [Fact]
    public void Event_older_than_the_window_is_refused_and_forgotten_ids_are_pruned()
    {
        var filter = new DuplicateEventFilter();
        filter.Admit("first", T0, Window);
        filter.Admit("much-later", T0.AddDays(31), Window);

        Assert.DoesNotContain("first", filter.SeenIds.Keys);
        Assert.Equal(EventAdmission.TooLate, filter.Admit("first", T0, Window));
    }

    [Fact]
    public void Past_its_capacity_the_oldest_ids_go_and_events_they_covered_are_too_late()
    {
        var filter = new DuplicateEventFilter();
        for (var e = 0; e <= DuplicateEventFilter.MaxIds; e++)
        {
            Assert.Equal(EventAdmission.Accepted, filter.Admit($"e{e}", T0.AddSeconds(e), Window));
        }

        // One over: the oldest (e0, at T0) is forgotten, so an event at or before T0 can no longer be checked.
        Assert.Equal(DuplicateEventFilter.MaxIds, filter.SeenIds.Count);
        Assert.DoesNotContain("e0", filter.SeenIds.Keys);
        Assert.Equal(T0, filter.Floor);
        Assert.Equal(EventAdmission.TooLate, filter.Admit("e0", T0, Window));
        Assert.Equal(EventAdmission.Duplicate, filter.Admit("e1", T0.AddSeconds(1), Window));
        Assert.Equal(EventAdmission.Accepted, filter.Admit("late-but-checkable", T0.AddSeconds(0.5), Window));
    }

    [Fact]
    public void An_event_dated_at_the_earliest_time_is_admitted_and_later_events_still_are()
    {
        // Found by a black-box probe: an event at 0001-01-01 threw on date arithmetic, and so did every later event of
        // the same customer while its activation lived.
        var filter = new DuplicateEventFilter();

        Assert.Equal(EventAdmission.Accepted, filter.Admit("first", DateTimeOffset.MinValue, Window));
        Assert.Equal(EventAdmission.Accepted, filter.Admit("next-day", DateTimeOffset.MinValue.AddDays(1), Window));
        Assert.Equal(EventAdmission.Accepted, filter.Admit("now", T0, Window));
        Assert.Equal(EventAdmission.TooLate, filter.Admit("again-first", DateTimeOffset.MinValue, Window));
        Assert.Equal(["now"], filter.SeenIds.Keys);
    }
}
