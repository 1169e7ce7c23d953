using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.UnitTests.DecisionLog;

public sealed class DecisionLogWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Only the name matters to the writer (it names the silo's files).</summary>
    private sealed class NamedSilo : ILocalSiloDetails
    {
        public string Name => "silo-a";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => SiloAddress.New(System.Net.IPAddress.Loopback, 11111, 1);

        public SiloAddress GatewayAddress => SiloAddress;
    }

    private static DecisionRecord Record(int i) => new(
        $"q-{i}", Now, "c", new QuoteContext("web", Now), new ProductFacts("A", "home", 10m, 4m, 0m, 0.3, 1, 0),
        CustomerFeatureSnapshot.ColdStart(Now), 0, 1, "m", null);

    [Fact]
    public async Task Rows_past_the_bound_are_dropped_and_counted_and_everything_queued_reaches_the_disk()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"decision-log-writer-{Guid.NewGuid():N}");
        using var writer = new DecisionLogWriter(
            Options.Create(new DecisionLogOptions { Directory = folder, MaxPendingRows = 3 }), new FolderDecisionLogStore(folder), new NamedSilo(),
            NullLogger<DecisionLogWriter>.Instance);
        try
        {
            // Not started yet: nothing drains the queue, so the bound is what holds.
            for (var i = 0; i < 5; i++)
            {
                writer.Decision(Record(i));
            }

            Assert.Equal(2, writer.Dropped);

            await writer.StartAsync(CancellationToken.None);
            await writer.FlushAsync();

            Assert.Equal(["q-0", "q-1", "q-2"], DecisionLogFolder.Read(folder, Now, TimeSpan.FromMinutes(15)).Select(d => d.DecisionId));
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
            Directory.Delete(folder, recursive: true);
        }
    }
}
