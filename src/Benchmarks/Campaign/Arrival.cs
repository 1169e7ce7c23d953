namespace OrleansPricing.Benchmarks.Campaign;

/// <summary>One planned customer arrival: when, who, which SKUs on which channel, and the uniform draws that decide each purchase.</summary>
internal sealed record Arrival(int Hour, int Step, int Customer, List<string> Skus, string Channel, double[] Draws);
