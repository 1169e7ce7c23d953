using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.UnitTests.DecisionLog;

public sealed class FolderDecisionLogStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_new_file_gets_its_header_once_and_a_file_with_only_its_header_reads_as_no_decisions()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"folder-store-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var store = new FolderDecisionLogStore(folder);
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
