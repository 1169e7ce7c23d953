using Microsoft.Extensions.Configuration;
using OrleansPricing.Benchmarks;
using OrleansPricing.Scoring;

namespace OrleansPricing.UnitTests.Benchmarks;

public sealed class ScoringCommandTests
{
    [Fact]
    public async Task The_scoring_command_takes_a_shorter_warm_up_for_a_lent_machine_and_names_it_in_its_first_line()
    {
        var commandLine = new RecordedCommandLine();

        Assert.Equal(0, await commandLine.Command.Parse(["scoring", "--warmup", "2", "--seconds", "1", "--provider", "cuda"]).InvokeAsync());

        var given = commandLine.Given;
        Assert.Equal(("scoring", 2, "cuda"), (given?.Mode, given?.WarmupSeconds, given?.Provider));
        Assert.StartsWith("1 s per phase after 2 s of warm-up", given!.ToString());
        Assert.Contains(commandLine.Command.Parse(["scoring", "--warmup", "0"]).Errors, error => error.Message == "--warmup must be a positive whole number.");
    }

    [Fact]
    public async Task The_scoring_command_runs_the_cluster_phases_alone_when_told_and_says_so_in_its_first_line()
    {
        var commandLine = new RecordedCommandLine();

        Assert.Equal(0, await commandLine.Command.Parse(["scoring", "--quotes-only", "--provider", "cpu"]).InvokeAsync());
        var alone = commandLine.Given;
        Assert.Equal(0, await commandLine.Command.Parse(["scoring"]).InvokeAsync());
        var whole = commandLine.Given;

        Assert.Equal((true, false), (alone?.QuotesOnly, whole?.QuotesOnly));
        Assert.StartsWith("the quote phases only, 10 s per phase after 10 s of warm-up", alone!.ToString());
        Assert.StartsWith("10 s per phase", whole!.ToString());
    }

    [Fact]
    public async Task The_scoring_sharing_command_runs_on_the_cpu_unless_told_and_names_its_settings_in_its_first_line()
    {
        var commandLine = new RecordedCommandLine();

        Assert.Equal(0, await commandLine.Command.Parse(["scoring-sharing", "--seconds", "3"]).InvokeAsync());

        var given = commandLine.Given;
        Assert.Equal(("scoring-sharing", "cpu", TimeSpan.FromSeconds(3)), (given?.Mode, given?.Provider, given?.Duration));
        Assert.Equal("provider cpu, 3 s a measurement", given!.ToString());
        Assert.Contains(commandLine.Command.Parse(["scoring-sharing", "--provider", "tpu"]).Errors, error => error.Message.Contains("tpu"));
        Assert.Contains(commandLine.Command.Parse(["scoring-sharing", "--seconds", "0"]).Errors, error => error.Message == "--seconds must be a positive whole number.");
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("cuda")]
    public void The_scoring_commands_cluster_serves_on_the_provider_its_raw_phases_were_told_each_graph_as_exported(string provider)
    {
        var configuration = new ConfigurationManager();

        ScoringBenchmark.ConfigureCluster(configuration, new BenchmarkSettings("scoring", TimeSpan.FromSeconds(1), 32, 3, 2000, provider));

        var scoring = configuration.GetSection(ScoringOptions.SectionName).Get<ScoringOptions>();
        Assert.Equal((provider, ScoringBenchmark.ShippedTreeModel, false), (scoring?.ExecutionProvider, scoring?.InitialModelPath, scoring?.CudaTrunkOnEveryRow));
    }
}
