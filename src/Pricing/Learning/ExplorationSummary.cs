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
/// <param name="HeldOutDraws">The draws among the run's held-out decisions (<see cref="WithHeldOutCheck"/>).</param>
/// <param name="HeldOutServingCost">What the serving models estimated those draws gave up, as logged.</param>
/// <param name="HeldOutCandidateCost">What the run's first candidate, trained on the older decisions, estimates they gave up.</param>
public sealed record ExplorationSummary(int Decisions, int Explored, double EstimatedCost,
    int HeldOutDraws = 0, double HeldOutServingCost = 0, double HeldOutCandidateCost = 0)
{
    /// <summary>
    /// The held-out draws valued again by <paramref name="candidate"/>'s response: the expected profit at the level each
    /// draw replaced less that at the level it quoted. Why a second estimate: the level a draw replaced is the serving
    /// model's best by its own estimate, so that estimate of the gap runs high (the shop simulation: by a fifth to a third
    /// once a learned version serves); a model trained on other decisions did not choose the level.
    /// </summary>
    public ExplorationSummary WithHeldOutCheck(HeldOutDecisions heldOut, OffPolicyEvaluation.Scored candidate)
    {
        var (draws, serving, estimated) = (0, 0.0, 0.0);
        for (var i = 0; i < heldOut.Count; i++)
        {
            // A draw whose replaced level is off the grid is left out, as held-out decisions off the grid are.
            if (heldOut.Records[i] is { ExplorationCost: { } given, ExploredFrom: { } replaced } && HeldOutDecisions.LevelOf(heldOut.Grid, replaced) is >= 0 and var from)
            {
                draws++;
                serving += given;
                estimated += OffPolicyEvaluation.ExpectedProfit(heldOut, candidate, i, from) - OffPolicyEvaluation.ExpectedProfit(heldOut, candidate, i, heldOut.Logged[i]);
            }
        }

        return this with { HeldOutDraws = draws, HeldOutServingCost = serving, HeldOutCandidateCost = estimated };
    }

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
