namespace OrleansPricing.UnitTests.Benchmarks;

public sealed class ScoringSharingCommandTests
{
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
}
