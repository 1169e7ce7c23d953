using System.CommandLine;
using OrleansPricing.Benchmarks;

namespace OrleansPricing.UnitTests.Benchmarks;

/// <summary>The benchmark command line with a runner that runs nothing and keeps the settings a command was given.</summary>
internal sealed class RecordedCommandLine
{
    public RecordedCommandLine() => Command = BenchmarkCommandLine.Build((settings, _) =>
    {
        Given = settings;
        return Task.FromResult(0);
    });

    public RootCommand Command { get; }

    public BenchmarkSettings? Given { get; private set; }
}
