using OrleansPricing.Pricing.DecisionLog;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// What exploration cost over a run's decisions: how many were exploration draws outside campaigns and the expected
/// profit the pricing models gave up on them, by their own estimates when they priced them
/// (<see cref="DecisionRecord.ExplorationCost"/>). Why the models' estimates: the service never knows the truth, and a
/// draw's outcome is one noisy answer at one level (docs/learning.md, "What is logged"). Decisions logged before the
/// column (2026-12-04) count as not explored.
/// </summary>
/// <param name="Decisions">The labelled decisions the run used.</param>
/// <param name="Explored">Those that were exploration draws.</param>
/// <param name="EstimatedCost">The expected profit given up on them, in currency.</param>
public sealed record ExplorationSummary(int Decisions, int Explored, double EstimatedCost)
{
    public static ExplorationSummary Of(IReadOnlyCollection<DecisionRecord> decisions)
    {
        var (explored, cost) = (0, 0.0);
        foreach (var decision in decisions)
        {
            if (decision.ExplorationCost is { } given)
            {
                explored++;
                cost += given;
            }
        }

        return new ExplorationSummary(decisions.Count, explored, cost);
    }
}
