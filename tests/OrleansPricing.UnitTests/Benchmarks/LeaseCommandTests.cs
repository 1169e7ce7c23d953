namespace OrleansPricing.UnitTests.Benchmarks;

public sealed class LeaseCommandTests
{
    [Fact]
    public async Task The_lease_command_takes_its_sizes_and_names_them_in_its_first_line()
    {
        var commandLine = new RecordedCommandLine();

        Assert.Equal(0, await commandLine.Command.Parse(["lease", "--reservations", "1000", "--per-second", "10"]).InvokeAsync());

        var given = commandLine.Given;
        Assert.Equal(("lease", 1000, 10), (given?.Mode, given?.Quotes, given?.Rate));
        Assert.Equal("1,000 reservations, expiries 10 a second apart", given!.ToString());
        Assert.Contains(commandLine.Command.Parse(["lease", "--reservations", "0"]).Errors, error => error.Message == "--reservations must be a positive whole number.");
    }
}
