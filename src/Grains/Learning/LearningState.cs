using OrleansPricing.Contracts.Learning;

namespace OrleansPricing.Grains.Learning;

[GenerateSerializer, Alias("grains.learning-state")]
public sealed class LearningState
{
    /// <summary>Runs kept, oldest dropped first.</summary>
    public const int KeptRuns = 50;

    /// <summary>
    /// The newest runs that keep their steps and fairness tables; older ones keep the rest of their record. Why: the state
    /// is one Azure Table row (at most 960 KB as Orleans splits it), and fifty runs with both at their largest came to
    /// 1.3 MB in the JSON format (LearningStateStorageTests).
    /// </summary>
    public const int DetailedRuns = 10;

    /// <summary>Runs started so far; numbers run ids and candidate versions, and seeds each run's bootstrap.</summary>
    [Id(0)] public int RunsStarted { get; set; }

    /// <summary>The most recent runs, oldest first (at most <see cref="KeptRuns"/>).</summary>
    [Id(1)] public List<LearningRunView> Runs { get; set; } = [];

    /// <summary>A new run, the oldest dropped past <see cref="KeptRuns"/>, details past <see cref="DetailedRuns"/>.</summary>
    public void Add(LearningRunView run)
    {
        Runs.Add(run);
        if (Runs.Count > KeptRuns)
        {
            Runs.RemoveRange(0, Runs.Count - KeptRuns);
        }

        for (var i = 0; i < Runs.Count - DetailedRuns; i++)
        {
            if (Runs[i].Steps is not null || Runs[i].Fairness.Count > 0)
            {
                Runs[i] = Runs[i] with { Steps = null, Fairness = [] };
            }
        }
    }
}
