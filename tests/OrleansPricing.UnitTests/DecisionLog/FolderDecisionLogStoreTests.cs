using Microsoft.Extensions.Time.Testing;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.UnitTests.DecisionLog;

public sealed class FolderDecisionLogStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly FakeTimeProvider Clock = new(Now);

    [Fact]
    public async Task A_store_that_sets_aside_earlier_starts_moves_their_files_out_of_what_is_read_and_keeps_them()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"folder-store-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var first = new FolderDecisionLogStore(folder, Clock, setAsideEarlierStarts: true);
            await first.OpenAsync("silo-a", CancellationToken.None);
            await first.AppendAsync(DecisionLogKind.Decisions, "silo-a", DecisionRow("q-1").AsMemory(), CancellationToken.None);
            await first.AppendAsync(DecisionLogKind.Purchases, "silo-a", ReadOnlyMemory<char>.Empty, CancellationToken.None);

            // The next start, under another silo name as a restarted process may have: nothing of the first start is read.
            var second = new FolderDecisionLogStore(folder, Clock, setAsideEarlierStarts: true);
            await second.OpenAsync("silo-b", CancellationToken.None);
            await second.AppendAsync(DecisionLogKind.Decisions, "silo-b", DecisionRow("q-2").AsMemory(), CancellationToken.None);

            Assert.Equal(["q-2"], DecisionLogFolder.Read(folder, Now, TimeSpan.FromMinutes(15)).Select(d => d.DecisionId));
            var earlier = Assert.Single(Directory.GetDirectories(Path.Combine(folder, FolderDecisionLogStore.EarlierFolder)));
            Assert.StartsWith("20261101000000-", Path.GetFileName(earlier), StringComparison.Ordinal);
            Assert.Equal(["decisions-silo-a.csv", "purchases-silo-a.csv"], Directory.GetFiles(earlier).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Equal(["q-1"], DecisionLogFolder.Read(earlier, Now, TimeSpan.FromMinutes(15)).Select(d => d.DecisionId));

            // A store whose state outlives its silo (the default) reads on from what is there.
            var durable = new FolderDecisionLogStore(folder, Clock);
            await durable.OpenAsync("silo-c", CancellationToken.None);
            Assert.Equal(["q-2"], DecisionLogFolder.Read(folder, Now, TimeSpan.FromMinutes(15)).Select(d => d.DecisionId));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string DecisionRow(string decisionId)
    {
        var text = new StringWriter();
        using (var rows = DecisionLogCsv.RowWriter(text))
        {
            DecisionLogCsv.WriteDecision(rows, new DecisionRecord(
                decisionId, Now, "c", new QuoteContext("web", Now), new ProductFacts("A", "home", 10m, 4m, 0m, 0.3, 1, 0),
                CustomerFeatureSnapshot.ColdStart(Now), 0, 1, "m", null));
        }

        return text.ToString();
    }

    [Fact]
    public async Task A_new_file_gets_its_header_once_and_a_file_with_only_its_header_reads_as_no_decisions()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"folder-store-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var store = new FolderDecisionLogStore(folder, Clock);
            await store.OpenAsync("silo-a", CancellationToken.None);

            // The header goes in its own append: a crash right after it leaves a file that reads as empty.
            await store.AppendAsync(DecisionLogKind.Decisions, "silo-a", ReadOnlyMemory<char>.Empty, CancellationToken.None);
            Assert.Empty(DecisionLogFolder.Read(folder, Now, TimeSpan.FromMinutes(15)));

            var text = new StringWriter();
            using (var rows = DecisionLogCsv.RowWriter(text))
            {
                DecisionLogCsv.WriteDecision(rows, new DecisionRecord(
                    "q-1", Now, "c", new QuoteContext("web", Now), new ProductFacts("A", "home", 10m, 4m, 0m, 0.3, 1, 0),
                    CustomerFeatureSnapshot.ColdStart(Now), 0, 1, "m", null));
            }

            await store.AppendAsync(DecisionLogKind.Decisions, "silo-a", text.ToString().AsMemory(), CancellationToken.None);

            Assert.Equal(["q-1"], DecisionLogFolder.Read(folder, Now, TimeSpan.FromMinutes(15)).Select(d => d.DecisionId));
            var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "decisions-silo-a.csv"));
            Assert.Equal(2, lines.Length);
            Assert.Equal(DecisionLogCsv.HeaderOf(DecisionLogCsv.Columns), lines[0]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
