namespace OrleansPricing.Benchmarks;

/// <summary>One path's rounds of a benchmark run (direct calls, or the HTTP gateway): their latencies together and each round's rate.</summary>
public sealed class PathTotals
{
    private readonly List<LatencySummary> _rounds = [];

    /// <summary>Every request of every round, for percentiles over all of them.</summary>
    public LatencyRecorder Recorder { get; } = new();

    public int Rounds => _rounds.Count;

    public IEnumerable<double> Rates => _rounds.Select(round => round.PerSecond);

    public void Add(LatencySummary round) => _rounds.Add(round);

    /// <summary>Rate over the rounds' time together (each round's requests over its rate gives its time), percentiles over all requests.</summary>
    public LatencySummary Summarize() =>
        Recorder.Summarize(TimeSpan.FromSeconds(_rounds.Sum(round => round.PerSecond > 0 ? round.Requests / round.PerSecond : 0)));
}
