using System.Diagnostics;

namespace OrleansPricing.Training.Learning;

/// <summary>Progress lines of a long run, each stamped with the seconds since the run started.</summary>
public sealed class ExperimentLog(TextWriter output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Write(string message) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F1}s] {message}");
}
