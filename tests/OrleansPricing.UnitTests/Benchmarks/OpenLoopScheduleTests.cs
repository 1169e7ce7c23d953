using OrleansPricing.Benchmarks;

namespace OrleansPricing.UnitTests.Benchmarks;

public sealed class OpenLoopScheduleTests
{
    [Fact]
    public void Four_workers_at_1000_a_second_send_a_request_every_millisecond_between_them()
    {
        // 1,000 ticks a second: one tick a millisecond.
        var schedule = new OpenLoopSchedule(start: 500, ratePerSecond: 1000, workers: 4, ticksPerSecond: 1000);

        var beats = Enumerable.Range(0, 3).SelectMany(sequence => Enumerable.Range(0, 4).Select(worker => schedule.Beat(worker, sequence))).ToList();

        Assert.Equal(Enumerable.Range(500, 12).Select(beat => (long)beat).ToList(), beats);
    }

    [Fact]
    public void A_rate_the_workers_cannot_divide_evenly_still_offers_it_over_a_second()
    {
        var schedule = new OpenLoopSchedule(start: 0, ratePerSecond: 5000, workers: 32, ticksPerSecond: 1_000_000_000);

        var withinASecond = Enumerable.Range(0, 32).Sum(worker => Enumerable.Range(0, 1000).Count(sequence => schedule.Beat(worker, sequence) < 1_000_000_000));

        Assert.Equal(5000, withinASecond);
    }

    [Fact]
    public void A_request_sent_late_because_the_last_answer_came_late_is_timed_from_its_beat()
    {
        // Due at 100; the worker's previous answer came at 130, so it went out at 131: the 31 ticks count.
        Assert.Equal(100, OpenLoopSchedule.LatencyStart(beat: 100, freeAt: 130, sentAt: 131));
    }

    [Fact]
    public void A_request_whose_worker_waited_for_its_beat_is_timed_from_its_send()
    {
        // Free at 80, due at 100, the timer woke at 102: the generator's 2 ticks are not the service's.
        Assert.Equal(102, OpenLoopSchedule.LatencyStart(beat: 100, freeAt: 80, sentAt: 102));
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(-1, 4)]
    [InlineData(100, 0)]
    public void A_rate_or_a_worker_count_that_is_not_positive_is_refused(double rate, int workers) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenLoopSchedule(0, rate, workers, 1000));
}
