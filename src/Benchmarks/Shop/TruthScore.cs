using System.Globalization;
using OrleansPricing.Pricing.Learning;

namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// A policy's choices on held-out decisions scored by the true response a simulator knows: the share of the oracle's
/// profit lift over list price they capture, and each group's mean discount beside the oracle's. The shop simulation's
/// judge (<see cref="ShopJudge"/>) and the judge of a log written outside the project (<see cref="LogJudge"/>) both read it.
/// </summary>
/// <param name="trueProfit">The true expected profit of judged decision i at a discount.</param>
/// <param name="groupOf">The group (a simulator's kind of customer) judged decision i belongs to.</param>
internal sealed class TruthScore(HeldOutDecisions judged, Func<int, double, double> trueProfit, Func<int, string> groupOf)
{
    /// <summary>The oracle's lift over list price on the judged decisions: the best allowed level of each, by the truth.</summary>
    private readonly double _possible = Enumerable.Range(0, judged.Count)
        .Sum(i => judged.Allowed[i].Max(g => trueProfit(i, judged.Grid[g])) - trueProfit(i, 0));

    /// <summary>The share of the oracle's lift that a policy's choices (grid indices) capture.</summary>
    public double Captured(OffPolicyEvaluation.Scored scored) => Captured(i => judged.Grid[scored.Choices[i]]);

    /// <summary>The share of the oracle's lift that the given discount of each judged decision captures.</summary>
    public double Captured(Func<int, double> discountOf) =>
        Enumerable.Range(0, judged.Count).Sum(i => trueProfit(i, discountOf(i)) - trueProfit(i, 0)) / _possible;

    /// <summary>Each group's mean discount under a policy's choices beside the oracle's: whom a model discounts too much or too little.</summary>
    public string ByGroup(OffPolicyEvaluation.Scored scored) => string.Join(", ", Enumerable.Range(0, judged.Count)
        .GroupBy(groupOf)
        .Select(group => string.Create(CultureInfo.InvariantCulture,
            $"{group.Key} {group.Average(i => judged.Grid[scored.Choices[i]]):P1} (oracle {group.Average(i => judged.Allowed[i].Select(g => judged.Grid[g]).MaxBy(d => trueProfit(i, d))):P1})")));
}
