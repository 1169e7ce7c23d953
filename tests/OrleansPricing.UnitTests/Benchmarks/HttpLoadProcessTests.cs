using OrleansPricing.Benchmarks;

namespace OrleansPricing.UnitTests.Benchmarks;

public sealed class HttpLoadProcessTests
{
    [Fact]
    public void A_rounds_figures_read_back_as_the_child_wrote_them_also_without_answers()
    {
        var answered = new HttpLoadProcess.RoundReport(new LatencySummary(24_990, 10, 4_998.2, 1.75, 4.5, 13.25), 1.125);
        var unanswered = new HttpLoadProcess.RoundReport(new LatencySummary(0, 7, 0, double.NaN, double.NaN, double.NaN), 0.5);

        Assert.Equal(answered, HttpLoadProcess.Parse<HttpLoadProcess.RoundReport>(HttpLoadProcess.Format(answered)));
        var read = HttpLoadProcess.Parse<HttpLoadProcess.RoundReport>(HttpLoadProcess.Format(unanswered));
        Assert.Equal((0L, 7L, 0.5), (read.Summary.Requests, read.Summary.Failures, read.CpuSeconds));
        Assert.True(double.IsNaN(read.Summary.P99Ms));
        // A report is one line of the child's output, so it must not break across lines.
        Assert.DoesNotContain('\n', HttpLoadProcess.Format(answered));
    }

    [Theory]
    [InlineData(5000)]
    [InlineData(null)]
    public void The_child_reads_the_arguments_the_parent_gives_it(int? rate)
    {
        var bodies = Path.GetTempFileName();
        try
        {
            var arguments = HttpLoadProcess.ChildArguments(
                new Uri("http://127.0.0.1:5000/"), bodies, 32, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), 2, rate).ToArray();

            var parsed = BenchmarkCommandLine.Build((_, _) => Task.FromResult(0)).Parse(arguments);

            Assert.Empty(parsed.Errors);
            Assert.Equal(HttpLoadProcess.Command, parsed.CommandResult.Command.Name);
            Assert.Equal(new Uri("http://127.0.0.1:5000/"), parsed.GetValue<Uri>("--address"));
            Assert.Equal(bodies, parsed.GetValue<FileInfo>("--bodies")!.FullName);
            Assert.Equal((32, 10_000, 5_000, 2, rate), (parsed.GetValue<int>("--concurrency"), parsed.GetValue<int>("--warmup-ms"),
                parsed.GetValue<int>("--round-ms"), parsed.GetValue<int>("--rounds"), parsed.GetValue<int?>("--rate")));
        }
        finally
        {
            File.Delete(bodies);
        }
    }

    [Fact]
    public void The_childs_command_line_refuses_an_address_that_is_not_absolute_naming_the_option()
    {
        var bodies = Path.GetTempFileName();
        try
        {
            var parsed = BenchmarkCommandLine.Build((_, _) => Task.FromResult(0)).Parse(
                [HttpLoadProcess.Command, "--address", "127.0.0.1:5000", "--bodies", bodies]);

            Assert.Contains(parsed.Errors, error => error.Message.Contains("--address must be an absolute URI", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(bodies);
        }
    }

    [Fact]
    public void A_rate_is_refused_for_wrk_and_taken_for_the_load_process()
    {
        var command = BenchmarkCommandLine.Build((_, _) => Task.FromResult(0));

        Assert.Contains(command.Parse(["quotes", "--http-load", WrkLoad.Program, "--rate", "5000"]).Errors,
            error => error.Message.Contains("--rate paces", StringComparison.Ordinal));
        Assert.Empty(command.Parse(["quotes", "--http-load", HttpLoadProcess.Name, "--rate", "5000"]).Errors);
    }
}
