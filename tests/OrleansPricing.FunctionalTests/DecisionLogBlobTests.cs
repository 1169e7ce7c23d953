using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Time.Testing;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Grains.DecisionLog;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.FunctionalTests;

/// <summary>The decision log's blobs across a schema change: what an older silo wrote stays readable, and new rows never go under its header.</summary>
[Trait("Requires", "Azurite")]
public sealed class DecisionLogBlobTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 20, 0, TimeSpan.Zero);

    public Task InitializeAsync() => Azurite.EnsureRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_blob_of_the_older_schema_stays_readable_and_a_restarted_silo_appends_beside_it_not_into_it()
    {
        var container = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient($"log-schema-{Guid.NewGuid():N}");
        var truth = LogisticResponseModel.Load(ModelFiles.Resolve(new PricingOptions().ModelPath));
        var (older, newer) = DecisionLogSimulator.Simulate(truth, 2, 0.5, seed: 4, new PricingOptions().DiscountGrid, Now.AddMinutes(-10), TimeSpan.FromMinutes(1)) switch
        {
            [var a, var b] => (a with { Purchased = null }, b with { Purchased = null }),
            _ => throw new InvalidOperationException("two decisions expected"),
        };
        var features = new CustomerFeatures();
        features.RecordPurchase(Now.AddDays(-1), 30m, 5m, ["home"], new FeatureHalfLives(), offersRedeemed: 1, modelPriced: true);
        newer = newer with { Customer = features.Snapshot(newer.Timestamp, new FeatureHalfLives()) };

        // What a silo of the previous schema wrote this hour: the header without recent_events, under the old blob name.
        await container.CreateIfNotExistsAsync();
        var olderColumns = DecisionLogCsv.Columns.Where(column => column != "recent_events").ToList();
        using (var text = new StringWriter())
        {
            DecisionLogCsv.WriteDecisions(text, [older]);
            var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            // The row without its recent_events field (the simulated decision's fields hold no commas).
            var oldRow = string.Join(',', lines[1].TrimEnd('\r').Split(',').Where((_, i) => DecisionLogCsv.Columns[i] != "recent_events"));
            var blob = container.GetAppendBlobClient($"decisions-silo_1-{Now:yyyyMMddHH}.csv");
            await blob.CreateAsync();
            await blob.AppendBlockAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"{DecisionLogCsv.HeaderOf(olderColumns)}\n{oldRow}\n")));
        }

        var store = new BlobDecisionLogStore(container, new FakeTimeProvider(Now));
        await store.OpenAsync("silo_1", CancellationToken.None);
        using (var text = new StringWriter())
        {
            using (var rows = DecisionLogCsv.RowWriter(text))
            {
                DecisionLogCsv.WriteDecision(rows, newer);
            }

            await store.AppendAsync(DecisionLogKind.Decisions, "silo_1", text.ToString().AsMemory(), CancellationToken.None);
        }

        var read = (await store.ReadAsync(Now, TimeSpan.FromMinutes(15), Now.AddDays(-14), int.MaxValue, CancellationToken.None)).ToDictionary(r => r.DecisionId);

        Assert.Equal(2, await container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "decisions-silo_1-", CancellationToken.None).CountAsync());
        Assert.Equal(new[] { older.DecisionId, newer.DecisionId }.Order(StringComparer.Ordinal), read.Keys.Order(StringComparer.Ordinal));
        // The learning loop reads no event windows; the new blob has them, under its own header.
        Assert.All(read.Values, record => Assert.Empty(record.Customer.Events));
        var blobs = new List<(string Name, TextReader Text)>();
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "decisions-", CancellationToken.None))
        {
            blobs.Add((item.Name, BlobDecisionLogStore.ReaderOf(item.Name, (await container.GetBlobClient(item.Name).DownloadStreamingAsync()).Value.Content)));
        }

        var withEvents = DecisionLogFolder.Parse(blobs, [], Now, TimeSpan.FromMinutes(15), withRecentEvents: true).ToDictionary(r => r.DecisionId);
        Assert.Empty(withEvents[older.DecisionId].Customer.Events);
        Assert.Equal(newer.Customer.Events, withEvents[newer.DecisionId].Customer.Events);
        await container.DeleteAsync();
    }

    [Fact]
    public async Task A_blob_that_reaches_its_block_limit_is_continued_in_the_next_part_also_by_a_restarted_silo()
    {
        var container = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient($"log-parts-{Guid.NewGuid():N}");
        var records = DecisionLogSimulator.Simulate(
            LogisticResponseModel.Load(ModelFiles.Resolve(new PricingOptions().ModelPath)), 7, 0.5, seed: 5, new PricingOptions().DiscountGrid,
            Now.AddMinutes(-10), TimeSpan.FromMinutes(1));
        async Task AppendAsync(BlobDecisionLogStore store, DecisionRecord record)
        {
            using var text = new StringWriter();
            using (var rows = DecisionLogCsv.RowWriter(text))
            {
                DecisionLogCsv.WriteDecision(rows, record with { Purchased = null });
            }

            await store.AppendAsync(DecisionLogKind.Decisions, "silo_1", text.ToString().AsMemory(), CancellationToken.None);
        }

        // Three blocks a blob: the header and two batches.
        var first = new BlobDecisionLogStore(container, new FakeTimeProvider(Now), maxBlocksPerBlob: 3);
        await first.OpenAsync("silo_1", CancellationToken.None);
        foreach (var record in records.Take(5))
        {
            await AppendAsync(first, record);
        }

        // A restarted silo finds the parts and their blocks: the third has room for one more batch, then a fourth starts.
        var restarted = new BlobDecisionLogStore(container, new FakeTimeProvider(Now), maxBlocksPerBlob: 3);
        foreach (var record in records.Skip(5))
        {
            await AppendAsync(restarted, record);
        }

        var blocks = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "decisions-silo_1-", CancellationToken.None))
        {
            blocks[item.Name[(item.Name.LastIndexOf('-') + 1)..]] = (await container.GetAppendBlobClient(item.Name).GetPropertiesAsync()).Value.BlobCommittedBlockCount;
        }

        Assert.Equal(new Dictionary<string, int> { ["part2.csv.gz"] = 3, ["part3.csv.gz"] = 3, ["part4.csv.gz"] = 2 }, blocks.Where(b => b.Key.StartsWith("part", StringComparison.Ordinal)).ToDictionary());
        Assert.Equal(3, blocks.Single(b => !b.Key.StartsWith("part", StringComparison.Ordinal)).Value);
        Assert.Equal(
            records.Select(r => r.DecisionId).Order(StringComparer.Ordinal),
            (await restarted.ReadAsync(Now, TimeSpan.FromMinutes(15), Now.AddDays(-14), int.MaxValue, CancellationToken.None)).Select(r => r.DecisionId).Order(StringComparer.Ordinal));
        await container.DeleteAsync();
    }

    [Fact]
    public async Task Compressed_blocks_read_as_one_gzip_stream_and_a_plain_blob_of_the_same_hour_is_read_beside_them()
    {
        var container = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient($"log-gzip-{Guid.NewGuid():N}");
        var records = DecisionLogSimulator.Simulate(
            LogisticResponseModel.Load(ModelFiles.Resolve(new PricingOptions().ModelPath)), 6, 0.5, seed: 6, new PricingOptions().DiscountGrid,
            Now.AddMinutes(-10), TimeSpan.FromMinutes(1)).Select(r => r with { Purchased = null }).ToList();
        var rows = new List<string>();
        async Task AppendAsync(BlobDecisionLogStore store, DecisionRecord record)
        {
            using var text = new StringWriter();
            using (var writer = DecisionLogCsv.RowWriter(text))
            {
                DecisionLogCsv.WriteDecision(writer, record);
            }

            rows.Add(text.ToString());
            await store.AppendAsync(DecisionLogKind.Decisions, "silo_1", text.ToString().AsMemory(), CancellationToken.None);
        }

        // A silo that writes plain CSV (an earlier version, or BlobCompression none), then one that compresses, the same hour.
        var plain = new BlobDecisionLogStore(container, new FakeTimeProvider(Now), compress: false);
        await plain.OpenAsync("silo_1", CancellationToken.None);
        foreach (var record in records.Take(2))
        {
            await AppendAsync(plain, record);
        }

        var compressed = new BlobDecisionLogStore(container, new FakeTimeProvider(Now));
        foreach (var record in records.Skip(2))
        {
            await AppendAsync(compressed, record);
        }

        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "decisions-silo_1-", CancellationToken.None))
        {
            names.Add(item.Name);
        }

        Assert.Equal([".csv", ".csv.gz"], names.Select(name => name[name.IndexOf('.')..]).Order(StringComparer.Ordinal));
        // The compressed blob is its header's member and one member a batch: gzip reads them as one stream.
        var gz = names.Single(name => name.EndsWith(".gz", StringComparison.Ordinal));
        var bytes = (await container.GetBlobClient(gz).DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal((0x1f, 0x8b), (bytes[0], bytes[1]));
        using (var text = new StreamReader(new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress)))
        {
            Assert.Equal(FolderDecisionLogStore.HeaderOf(DecisionLogKind.Decisions) + "\n" + string.Concat(rows.Skip(2)), text.ReadToEnd());
        }

        Assert.Equal(
            records.Select(r => r.DecisionId).Order(StringComparer.Ordinal),
            (await compressed.ReadAsync(Now, TimeSpan.FromMinutes(15), Now.AddDays(-14), int.MaxValue, CancellationToken.None)).Select(r => r.DecisionId).Order(StringComparer.Ordinal));
        Assert.Equal(Now.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture), DecisionLogFolder.HourOf(gz));
        await container.DeleteAsync();
    }

    [Fact]
    public async Task A_read_skips_the_blobs_of_hours_before_its_window_unread()
    {
        var container = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient($"log-window-{Guid.NewGuid():N}");
        var truth = LogisticResponseModel.Load(ModelFiles.Resolve(new PricingOptions().ModelPath));
        var recent = DecisionLogSimulator.Simulate(truth, 3, 0.5, seed: 5, new PricingOptions().DiscountGrid, Now.AddMinutes(-30), TimeSpan.FromMinutes(1))
            .Select(r => r with { Purchased = null }).ToList();
        var time = new FakeTimeProvider(Now.AddHours(-3));
        var store = new BlobDecisionLogStore(container, time);
        await store.OpenAsync("silo_1", CancellationToken.None);
        // Three hours ago the silo wrote a row no reader could parse: reading it would throw, so a read that returns has
        // not downloaded it.
        await store.AppendAsync(DecisionLogKind.Decisions, "silo_1", "not,a,decision\n".AsMemory(), CancellationToken.None);
        time.SetUtcNow(Now);
        using (var text = new StringWriter())
        {
            using (var rows = DecisionLogCsv.RowWriter(text))
            {
                recent.ForEach(r => DecisionLogCsv.WriteDecision(rows, r));
            }

            await store.AppendAsync(DecisionLogKind.Decisions, "silo_1", text.ToString().AsMemory(), CancellationToken.None);
        }

        var windowed = await store.ReadAsync(Now, TimeSpan.FromMinutes(15), Now.AddHours(-1), int.MaxValue, CancellationToken.None);
        await Assert.ThrowsAnyAsync<Exception>(() => store.ReadAsync(Now, TimeSpan.FromMinutes(15), Now.AddHours(-4), int.MaxValue, CancellationToken.None));
        // A window that reaches the bad hour, for no more labelled decisions than the newest hour holds: the older hours' blobs stay unread.
        var newest = await store.ReadAsync(Now, TimeSpan.FromMinutes(15), Now.AddHours(-4), recent.Count, CancellationToken.None);
        Assert.Equal(recent.Select(r => r.DecisionId).Order(StringComparer.Ordinal), newest.Select(r => r.DecisionId).Order(StringComparer.Ordinal));

        Assert.Equal(recent.Select(r => r.DecisionId).Order(StringComparer.Ordinal), windowed.Select(r => r.DecisionId).Order(StringComparer.Ordinal));
        Assert.Equal(Now.AddHours(-3).ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture), DecisionLogFolder.HourOf($"decisions-silo_1-{Now.AddHours(-3):yyyyMMddHH}-0a1b2c3d-part2.csv"));
        await container.DeleteAsync();
    }

    [Fact]
    public async Task A_retention_deletes_this_silos_blobs_once_their_hour_is_that_old_when_the_log_opens_and_when_an_hour_begins()
    {
        var container = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient($"log-retention-{Guid.NewGuid():N}");
        var time = new FakeTimeProvider(Now.AddDays(-2));
        var writer = new BlobDecisionLogStore(container, time);
        await writer.OpenAsync("silo_1", CancellationToken.None);
        foreach (var silo in new[] { "silo_1", "silo_2" })
        {
            await writer.AppendAsync(DecisionLogKind.Decisions, silo, ReadOnlyMemory<char>.Empty, CancellationToken.None);
            await writer.AppendAsync(DecisionLogKind.Purchases, silo, ReadOnlyMemory<char>.Empty, CancellationToken.None);
        }

        async Task<List<string>> HoursOf(string silo)
        {
            var hours = new List<string>();
            await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "", CancellationToken.None))
            {
                if (item.Name.Contains($"-{silo}-", StringComparison.Ordinal))
                {
                    hours.Add($"{item.Name[..item.Name.IndexOf('-', StringComparison.Ordinal)]} {DecisionLogFolder.HourOf(item.Name)}");
                }
            }

            return hours;
        }

        // A day later (a day before Now): that hour's rows ended 40 minutes less than a day ago, and its blobs stay.
        time.SetUtcNow(Now.AddDays(-1));
        var store = new BlobDecisionLogStore(container, time, retention: TimeSpan.FromDays(1));
        await store.OpenAsync("silo_1", CancellationToken.None);
        Assert.Equal(2, (await HoursOf("silo_1")).Count);

        // An hour later each kind's new hour begins with its earlier blobs of this silo gone; the other silo's are its own to delete.
        time.Advance(TimeSpan.FromHours(1));
        await store.AppendAsync(DecisionLogKind.Decisions, "silo_1", ReadOnlyMemory<char>.Empty, CancellationToken.None);
        await store.AppendAsync(DecisionLogKind.Purchases, "silo_1", ReadOnlyMemory<char>.Empty, CancellationToken.None);
        var hour = DecisionLogFolder.HourText(time.GetUtcNow());
        Assert.Equal([$"decisions {hour}", $"purchases {hour}"], (await HoursOf("silo_1")).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await HoursOf("silo_2")).Count);
        await container.DeleteAsync();
    }
}
