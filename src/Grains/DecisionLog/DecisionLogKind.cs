namespace OrleansPricing.Grains.DecisionLog;

/// <summary>The two files of a silo's decision log.</summary>
public enum DecisionLogKind
{
    Decisions = 0,
    Purchases = 1,
}
