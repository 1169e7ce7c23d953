using OrleansPricing.Contracts.Learning;

namespace OrleansPricing.Grains.Learning;

[GenerateSerializer, Alias("grains.learning-state")]
public sealed class LearningState
{
    /// <summary>Runs started so far; numbers run ids and candidate versions, and seeds each run's bootstrap.</summary>
    [Id(0)] public int RunsStarted { get; set; }

    /// <summary>The most recent runs, oldest first (at most <see cref="LearningGrain.KeptRuns"/>).</summary>
    [Id(1)] public List<LearningRunView> Runs { get; set; } = [];
}
