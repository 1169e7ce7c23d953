using Microsoft.Extensions.Time.Testing;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.UnitTests.DecisionLog;

public sealed class FolderDecisionLogStoreTests : IDisposable
{
    /// <summary>Each test's own folder (xunit makes an instance a test), deleted after it.</summary>
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"folder-store-{Guid.NewGuid():N}")).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly FakeTimeProvider Clock = new(Now);

    [Fact]
    public async Task A_store_that_sets_aside_earlier_starts_moves_their_files_out_of_what_is_read_and_keeps_them()
    {
        var first = new FolderDecisionLogStore(_folder, Clock, setAsideEarlierStarts: true);
        await first.OpenAsync("silo-a", CancellationToken.None);
        await first.AppendAsync(DecisionLogKind.Decisions, "silo-a", DecisionRow("q-1").AsMemory(), CancellationToken.None);
        await first.AppendAsync(DecisionLogKind.Purchases, "silo-a", ReadOnlyMemory<char>.Empty, CancellationToken.None);

        // The next start, under another silo name as a restarted process may have: nothing of the first start is read.
        var second = new FolderDecisionLogStore(_folder, Clock, setAsideEarlierStarts: true);
        await second.OpenAsync("silo-b", CancellationToken.None);
        await second.AppendAsync(DecisionLogKind.Decisions, "silo-b", DecisionRow("q-2").AsMemory(), CancellationToken.None);

        Assert.Equal(["q-2"], DecisionLogFolder.Read(_folder, Now, TimeSpan.FromMinutes(15)).Select(d => d.DecisionId));
        var earlier = Assert.Single(Directory.GetDirectories(Path.Combine(_folder, FolderDecisionLogStore.EarlierFolder)));
        Assert.StartsWith("20261101000000-", Path.GetFileName(earlier), StringComparison.Ordinal);
        Assert.Equal(["decisions-silo-a-2026110100.csv", "purchases-silo-a-2026110100.csv"], Directory.GetFiles(earlier).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["q-1"], DecisionLogFolder.Read(earlier, Now, TimeSpan.FromMinutes(15)).Select(d => d.DecisionId));

        // A store whose state outlives its silo (the default) reads on from what is there.
        var durable = new FolderDecisionLogStore(_folder, Clock);
        await durable.OpenAsync("silo-c", CancellationToken.None);
        Assert.Equal(["q-2"], DecisionLogFolder.Read(_folder, Now, TimeSpan.FromMinutes(15)).Select(d => d.DecisionId));
    }

    private static string DecisionRow(string decisionId) => DecisionRow(decisionId, Now);

    private static string DecisionRow(string decisionId, DateTimeOffset at)
    {
        var text = new StringWriter();
        using (var rows = DecisionLogCsv.RowWriter(text))
        {
            DecisionLogCsv.WriteDecision(rows, new DecisionRecord(
                decisionId, at, "c", new QuoteContext("web", at), new ProductFacts("A", "home", 10m, 4m, 0m, 0.3, 1, 0),
                CustomerFeatureSnapshot.ColdStart(at), 0, 1, "m", null));
        }

        return text.ToString();
    }

    [Fact]
    public async Task A_new_file_gets_its_header_once_and_a_file_with_only_its_header_reads_as_no_decisions()
    {
        var store = new FolderDecisionLogStore(_folder, Clock);
        await store.OpenAsync("silo-a", CancellationToken.None);

        // The header goes in its own append: a crash right after it leaves a file that reads as empty.
        await store.AppendAsync(DecisionLogKind.Decisions, "silo-a", ReadOnlyMemory<char>.Empty, CancellationToken.None);
        Assert.Empty(DecisionLogFolder.Read(_folder, Now, TimeSpan.FromMinutes(15)));

        var text = new StringWriter();
        using (var rows = DecisionLogCsv.RowWriter(text))
        {
            DecisionLogCsv.WriteDecision(rows, new DecisionRecord(
                "q-1", Now, "c", new QuoteContext("web", Now), new ProductFacts("A", "home", 10m, 4m, 0m, 0.3, 1, 0),
                CustomerFeatureSnapshot.ColdStart(Now), 0, 1, "m", null));
        }

        await store.AppendAsync(DecisionLogKind.Decisions, "silo-a", text.ToString().AsMemory(), CancellationToken.None);

        Assert.Equal(["q-1"], DecisionLogFolder.Read(_folder, Now, TimeSpan.FromMinutes(15)).Select(d => d.DecisionId));
        var lines = await File.ReadAllLinesAsync(Path.Combine(_folder, "decisions-silo-a-2026110100.csv"));
        Assert.Equal(2, lines.Length);
        Assert.Equal(DecisionLogCsv.HeaderOf(DecisionLogCsv.Columns), lines[0]);
    }

    [Fact]
    public async Task Each_hour_gets_files_of_its_own_and_a_read_since_an_hour_leaves_the_earlier_hours_files_unread()
    {
        var time = new FakeTimeProvider(Now);
        var store = new FolderDecisionLogStore(_folder, time);
        await store.OpenAsync("silo-a", CancellationToken.None);
        // A row no reader could parse, in the first hour's file: a read that returns has not read that file.
        await store.AppendAsync(DecisionLogKind.Decisions, "silo-a", "not,a,decision\n".AsMemory(), CancellationToken.None);
        time.Advance(TimeSpan.FromHours(2));
        await store.AppendAsync(DecisionLogKind.Decisions, "silo-a", DecisionRow("q-2", time.GetUtcNow()).AsMemory(), CancellationToken.None);
        // The one-file form a silo wrote before hourly files: read whatever the window, as its name carries no hour.
        await File.WriteAllTextAsync(Path.Combine(_folder, "decisions-silo-b.csv"), FolderDecisionLogStore.HeaderOf(DecisionLogKind.Decisions) + "\n" + DecisionRow("q-old", Now));

        Assert.Equal(["decisions-silo-a-2026110100.csv", "decisions-silo-a-2026110102.csv", "decisions-silo-b.csv"],
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var read = DecisionLogFolder.Read(_folder, time.GetUtcNow(), TimeSpan.FromMinutes(15), since: Now.AddHours(1));
        Assert.Equal(["q-2"], read.Select(d => d.DecisionId));
        // From the first hour on, its file is read — and its bad row named.
        var error = Assert.Throws<FormatException>(() => DecisionLogFolder.Read(_folder, time.GetUtcNow(), TimeSpan.FromMinutes(15), since: Now));
        Assert.Equal("decisions-silo-a-2026110100.csv: Found 3 column(s) on row 1/lines [2..3]:'not,a,decision'", error.Message);
    }

    [Fact]
    public async Task Opening_moves_this_silos_files_of_another_schema_aside_and_leaves_the_rest()
    {
        // Written by an older build of this silo (a column fewer) this hour and in the one-file form, and by another silo.
        var older = string.Join(',', DecisionLogCsv.Columns.Where(column => column != "recent_events")) + "\n";
        await File.WriteAllTextAsync(Path.Combine(_folder, "decisions-silo-a-2026110100.csv"), older);
        await File.WriteAllTextAsync(Path.Combine(_folder, "decisions-silo-a.csv"), older);
        await File.WriteAllTextAsync(Path.Combine(_folder, "decisions-silo-ab-2026110100.csv"), older);
        var current = FolderDecisionLogStore.HeaderOf(DecisionLogKind.Decisions) + "\n" + DecisionRow("q-1", Now);
        await File.WriteAllTextAsync(Path.Combine(_folder, "decisions-silo-a-2026103123.csv"), current);

        var store = new FolderDecisionLogStore(_folder, Clock);
        await store.OpenAsync("silo-a", CancellationToken.None);
        await store.AppendAsync(DecisionLogKind.Decisions, "silo-a", DecisionRow("q-2", Now).AsMemory(), CancellationToken.None);

        Assert.Equal(["decisions-silo-a-2026110100-20261101000000.csv", "decisions-silo-a-20261101000000.csv"],
            Directory.GetFiles(Path.Combine(_folder, FolderDecisionLogStore.SupersededFolder)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["decisions-silo-a-2026103123.csv", "decisions-silo-a-2026110100.csv", "decisions-silo-ab-2026110100.csv"],
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(FolderDecisionLogStore.HeaderOf(DecisionLogKind.Decisions), File.ReadLines(Path.Combine(_folder, "decisions-silo-a-2026110100.csv")).First());
    }

    [Fact]
    public async Task A_retention_deletes_this_silos_hourly_files_once_their_hour_is_that_old_when_the_log_opens_and_when_an_hour_begins()
    {
        var header = FolderDecisionLogStore.HeaderOf(DecisionLogKind.Decisions) + "\n";
        foreach (var name in new[] { "decisions-silo-a-2026103022.csv", "decisions-silo-a-2026103100.csv", "purchases-silo-a-2026103022.csv", "decisions-silo-a.csv", "decisions-silo-b-2026103022.csv" })
        {
            await File.WriteAllTextAsync(Path.Combine(_folder, name), name.StartsWith("purchases", StringComparison.Ordinal) ? FolderDecisionLogStore.HeaderOf(DecisionLogKind.Purchases) + "\n" : header);
        }

        // At 00:00 on 1 November a day's retention deletes the files whose rows ended by 00:00 on 31 October: 22:00's
        // of the 30th, not 00:00's of the 31st (its rows run to 01:00).
        var time = new FakeTimeProvider(Now);
        var store = new FolderDecisionLogStore(_folder, time, retention: TimeSpan.FromDays(1));
        await store.OpenAsync("silo-a", CancellationToken.None);
        Assert.Equal(["decisions-silo-a-2026103100.csv", "decisions-silo-a.csv", "decisions-silo-b-2026103022.csv"],
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // Within the hour nothing more goes; as the next begins, the 31st's first hour is a day old and goes.
        await store.AppendAsync(DecisionLogKind.Decisions, "silo-a", DecisionRow("q-1", Now).AsMemory(), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(59));
        await store.AppendAsync(DecisionLogKind.Decisions, "silo-a", DecisionRow("q-2", time.GetUtcNow()).AsMemory(), CancellationToken.None);
        Assert.Contains("decisions-silo-a-2026103100.csv", Directory.GetFiles(_folder).Select(Path.GetFileName));

        time.Advance(TimeSpan.FromMinutes(1));
        await store.AppendAsync(DecisionLogKind.Decisions, "silo-a", DecisionRow("q-3", time.GetUtcNow()).AsMemory(), CancellationToken.None);
        Assert.Equal(["decisions-silo-a-2026110100.csv", "decisions-silo-a-2026110101.csv", "decisions-silo-a.csv", "decisions-silo-b-2026103022.csv"],
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["q-1", "q-2", "q-3"], DecisionLogFolder.Read(_folder, time.GetUtcNow(), TimeSpan.FromMinutes(15), since: Now).Select(d => d.DecisionId));
    }

    [Fact]
    public async Task A_run_reads_the_newest_hours_until_they_hold_the_labelled_decisions_it_learns_from_and_their_purchases_after_them()
    {
        var time = new FakeTimeProvider(Now);
        var store = new FolderDecisionLogStore(_folder, time);
        await store.OpenAsync("silo-a", CancellationToken.None);
        // The first hour holds rows no reader could parse, decisions and purchases: a read that returns has not read them.
        await store.AppendAsync(DecisionLogKind.Decisions, "silo-a", "not,a,decision\n".AsMemory(), CancellationToken.None);
        await store.AppendAsync(DecisionLogKind.Purchases, "silo-a", "not,a\n".AsMemory(), CancellationToken.None);
        foreach (var hour in new[] { 2, 3 })
        {
            time.SetUtcNow(Now.AddHours(hour).AddMinutes(10));
            await store.AppendAsync(DecisionLogKind.Decisions, "silo-a", (DecisionRow($"q-{hour}a", time.GetUtcNow()) + DecisionRow($"q-{hour}b", time.GetUtcNow().AddMinutes(1))).AsMemory(), CancellationToken.None);
        }

        // Bought in the newest hour, on a quote of the hour before.
        await store.AppendAsync(DecisionLogKind.Purchases, "silo-a", $"q-2a,order-1,{time.GetUtcNow():O}\n".AsMemory(), CancellationToken.None);
        var asOf = Now.AddHours(4);

        // The newest two hours hold four labelled decisions; their purchases are read from the hour before them on.
        var newest = await store.ReadAsync(asOf, TimeSpan.FromMinutes(15), Now.AddDays(-14), newestLabelled: 3, CancellationToken.None);
        Assert.Equal(["q-2a", "q-2b", "q-3a", "q-3b"], newest.Select(d => d.DecisionId).Order(StringComparer.Ordinal));
        Assert.Equal(["q-2a"], newest.Where(d => d.Purchased == true).Select(d => d.DecisionId));
        Assert.All(newest, d => Assert.NotNull(d.Purchased));
        // Two suffice from the newest hour alone; five are more than the readable hours hold, so the bad one is read.
        Assert.Equal(["q-3a", "q-3b"], (await store.ReadAsync(asOf, TimeSpan.FromMinutes(15), Now.AddDays(-14), newestLabelled: 2, CancellationToken.None)).Select(d => d.DecisionId).Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<FormatException>(() => store.ReadAsync(asOf, TimeSpan.FromMinutes(15), Now.AddDays(-14), newestLabelled: 5, CancellationToken.None));
    }
}
