namespace OrleansPricing.Benchmarks.Campaign;

/// <summary>The campaign as read at the end of one simulated hour.</summary>
internal sealed record SpendSample(int Hour, decimal Spent, decimal Planned, decimal Leased, double Lambda, decimal Revenue);
