using Microsoft.Extensions.Time.Testing;
using OrleansPricing.Grains.Customers;

namespace OrleansPricing.UnitTests.Customers;

public sealed class ExplorationSeedsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_replay_whose_clock_starts_elsewhere_draws_the_same_seeds()
    {
        var run = new ExplorationSeeds(new FakeTimeProvider(Start));
        var replay = new ExplorationSeeds(new FakeTimeProvider(Start.AddDays(3).AddTicks(7)));

        Assert.Equal(
            run.For("c-1", 2, Start.AddSeconds(40), 5),
            replay.For("c-1", 2, Start.AddDays(3).AddTicks(7).AddSeconds(40), 5));
    }

    [Fact]
    public void An_activation_whose_count_was_never_written_does_not_repeat_the_draws_of_the_one_before()
    {
        var seeds = new ExplorationSeeds(new FakeTimeProvider(Start));

        // Both read the same count (the first wrote nothing); they first quoted a tick apart.
        var first = Enumerable.Range(0, 100).Select(q => seeds.For("c-1", 1, Start.AddMinutes(1), q)).ToHashSet();
        var next = Enumerable.Range(0, 100).Select(q => seeds.For("c-1", 1, Start.AddMinutes(1).AddTicks(1), q));

        Assert.Empty(first.Intersect(next));
    }

    [Fact]
    public void Customers_activations_and_quotes_each_move_the_seed()
    {
        var seeds = new ExplorationSeeds(new FakeTimeProvider(Start));
        var at = Start.AddHours(1);

        var seed = seeds.For("c-1", 1, at, 0);

        Assert.Equal(seed, seeds.For("c-1", 1, at, 0));
        Assert.NotEqual(seed, seeds.For("c-2", 1, at, 0));
        Assert.NotEqual(seed, seeds.For("c-1", 2, at, 0));
        Assert.NotEqual(seed, seeds.For("c-1", 1, at, 1));
    }
}
