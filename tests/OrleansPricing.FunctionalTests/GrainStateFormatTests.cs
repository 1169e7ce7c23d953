using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Orders;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Grains.Serialization;
using OrleansPricing.Silo.Hosting;

namespace OrleansPricing.FunctionalTests;

/// <summary>
/// Grain state on Azure Table storage through a rolling upgrade to the binary format and back: rows a silo wrote as
/// JSON (every version before the binary format) read in a silo that writes binary, and the binary rows it writes read
/// in a silo told to write JSON again — the row's first byte tells which it is.
/// </summary>
[Trait("Requires", "Azurite")]
public sealed class GrainStateFormatTests : IAsyncLifetime
{
    /// <summary>
    /// Tuples' members are fields; amounts by value, since a JSON row gives 20.0 for the 20 written (Newtonsoft.Json
    /// writes a decimal's scale as at least one decimal place) where a binary row keeps the scale.
    /// </summary>
    private static readonly JsonSerializerOptions WithTuples = new() { IncludeFields = true, Converters = { new DecimalByValue() } };

    private readonly PricingCluster _cluster = new();

    public Task InitializeAsync() => Azurite.EnsureRunningAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Rows_written_as_json_read_in_a_silo_writing_binary_and_its_binary_rows_read_in_one_writing_json()
    {
        _cluster.ExtraSettings[$"{GrainStateOptions.SectionName}:Format"] = GrainStateOptions.Json;
        var silo = await _cluster.StartSiloAsync();
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var now = DateTimeOffset.UtcNow;
        Assert.True((await grains.GetGrain<IProductGrain>("format-sku").UpsertAsync(new ProductDefinition("format-sku", "home", 20m, 5m, 10m, 0.3, 100))).Applied);
        var customer = grains.GetGrain<ICustomerGrain>("format-customer");
        await customer.RecordEventsAsync([
            new CustomerEventInput("format-view", CustomerEventKind.View, "format-sku", 1, 0m, now.AddMinutes(-5)),
            new CustomerEventInput("format-purchase", CustomerEventKind.Purchase, "format-sku", 1, 18m, now.AddMinutes(-4))]);
        var quote = (await customer.QuoteAsync(new QuoteRequest(["format-sku"], "web"))).Quotes.Single();
        Assert.Equal(OrderStatus.Completed, (await grains.GetGrain<IOrderGrain>("format-order").PlaceAsync(
            new OrderRequest("format-customer", [new OrderLineRequest("format-sku", 1, quote.Token)]))).Status);
        var written = await ViewsAsync(grains);
        Assert.All(await RowsAsync(), row => Assert.Equal((byte)'{', row.First));

        // The upgrade: a silo writing binary reads every JSON row, and what it writes is binary.
        await _cluster.StopSiloAsync(silo);
        _cluster.ExtraSettings[$"{GrainStateOptions.SectionName}:Format"] = GrainStateOptions.Binary;
        silo = await _cluster.StartSiloAsync();
        grains = silo.Services.GetRequiredService<IGrainFactory>();
        Assert.Equal(written, await ViewsAsync(grains));
        await grains.GetGrain<ICustomerGrain>("format-customer").RecordEventsAsync([
            new CustomerEventInput("format-view-2", CustomerEventKind.View, "format-sku", 1, 0m, now.AddMinutes(-3))]);
        var upgraded = await ViewsAsync(grains);
        Assert.Equal(GrainStateSerializer.BinaryMark, (await RowsAsync()).Single(row => row.Key.Contains("format-customer", StringComparison.Ordinal) && row.State == "customer").First);

        // And back: a silo of this version told to write JSON still reads the binary rows.
        await _cluster.StopSiloAsync(silo);
        _cluster.ExtraSettings[$"{GrainStateOptions.SectionName}:Format"] = GrainStateOptions.Json;
        silo = await _cluster.StartSiloAsync();
        Assert.Equal(upgraded, await ViewsAsync(silo.Services.GetRequiredService<IGrainFactory>()));
    }

    /// <summary>
    /// What the customer, the product and the order show, as JSON text (the views hold lists) — all but what decays with
    /// the clock between two reads (the customer's decayed counters, the product's demand).
    /// </summary>
    private static async Task<string> ViewsAsync(IGrainFactory grains)
    {
        var customer = await grains.GetGrain<ICustomerGrain>("format-customer").GetAsync();
        var features = customer.Features;
        var product = (await grains.GetGrain<IProductGrain>("format-sku").GetAsync())!;
        return JsonSerializer.Serialize(new object?[]
        {
            customer with { Features = null! },
            (features.LifetimePurchases, features.LifetimeSpend, features.OffersSeen, features.OffersRedeemed, features.DiscountReceived,
                features.DiscountedPurchases, features.ModelPricedPurchases, features.ModelPricedSpend, features.DiscountedSpend, features.CategoryAffinity, features.RecentEvents),
            product with { DemandPerDay = 0 },
            await grains.GetGrain<IOrderGrain>("format-order").GetAsync(),
        }, WithTuples);
    }

    /// <summary>This cluster's grain state rows (their keys start with its service id): key, state name and the first byte of the stored data.</summary>
    private async Task<List<(string Key, string State, byte First)>> RowsAsync()
    {
        var table = new TableClient(Azurite.ConnectionString, PricingSiloExtensions.GrainStateTable);
        var rows = new List<(string, string, byte)>();
        var ofThisCluster = TableClient.CreateQueryFilter($"PartitionKey ge {_cluster.ClusterId + "_"} and PartitionKey lt {_cluster.ClusterId + "`"}");
        await foreach (var row in table.QueryAsync<TableEntity>(ofThisCluster))
        {
            if (row.GetBinary("Data") is { Length: > 0 } data)
            {
                rows.Add((row.PartitionKey, row.RowKey, data[0]));
            }
        }

        Assert.NotEmpty(rows);
        return rows;
    }

    private sealed class DecimalByValue : System.Text.Json.Serialization.JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        // Dividing by 1 with 28 places drops the trailing zeros (20.0 → 20).
        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value / 1.0000000000000000000000000000m);
    }
}
