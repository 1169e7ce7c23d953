using System.ComponentModel.DataAnnotations;

namespace OrleansPricing.Pricing.DecisionLog;

/// <summary>Where the silos keep the decision log the cluster learns from. Bound from configuration section <c>DecisionLog</c>.</summary>
public sealed class DecisionLogOptions
{
    public const string SectionName = "DecisionLog";

    /// <summary>
    /// Folder each silo appends <c>decisions-{silo}.csv</c> and <c>purchases-{silo}.csv</c> to (docs/decision-log.md); a
    /// relative path is under the working directory. On by default; an empty value turns the log off.
    /// </summary>
    public string? Directory { get; set; } = "decision-log";
}
