using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OrleansPricing.Grains.Cluster;
using OrleansPricing.Pricing.Learning;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.FunctionalTests;

/// <summary>
/// A silo and a gateway on Azurite with a small shop in it — products over two pages, a live campaign with orders,
/// quotes from customers of several segments, a day of logged decisions, a second model version — and headless Debian chromium driven by
/// Playwright. Set PRICING_SCREENSHOTS to a folder to keep a screenshot of each console page there.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string Campaign = "console-spring";
    public const string SecondModel = "console-net-2";
    public const int Products = 53;

    /// <summary>Simulated decisions already in the log when the console opens.</summary>
    public const int LoggedDecisions = 2_000;

    /// <summary>Debian's package; Playwright cannot download a browser here. PRICING_CHROMIUM overrides it.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("PRICING_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public PricingCluster Cluster { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"No browser at {ChromiumPath}: ./test.sh installs Debian's chromium (apt-get install chromium).");
        await Azurite.EnsureRunningAsync();
        // The page's training run is asked for right after the seeded quotes: it does not wait for them to expire.
        Cluster.ExtraSettings["Learning:LabelWait"] = "00:00:00";
        // The seeding's first quote scores on a cold ONNX session while the other test assemblies load the same 2 cores:
        // it once outlasted the pool's 250 ms deadline (503) and failed every test of the collection. The pages, not the
        // deadline, are under test here (MicroBatcherTests hold the deadline).
        Cluster.ExtraSettings["Scoring:RequestDeadline"] = "00:00:30";
        await Cluster.StartSiloAsync();
        Http = await Cluster.StartGatewayAsync();
        await SeedShopAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // As root in a sandbox-less container, with no network beyond loopback: nothing in the background.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A browser context signed in with <paramref name="key"/> as the Basic password (none: anonymous).</summary>
    public Task<IBrowserContext> ContextAsync(string? key) => Browser.NewContextAsync(new()
    {
        BaseURL = Http.BaseAddress!.ToString().TrimEnd('/'),
        HttpCredentials = key is null ? null : new HttpCredentials { Username = "admin", Password = key },
        ViewportSize = new ViewportSize { Width = 1360, Height = 900 },
        Locale = "en-US",
        TimezoneId = "UTC",
    });

    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        if (Environment.GetEnvironmentVariable("PRICING_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"console-{name}.png"), FullPage = fullPage });
        }
    }

    private async Task SeedShopAsync()
    {
        var categories = new[] { "home", "apparel", "shoes", "electronics" };
        var products = Enumerable.Range(1, Products).Select(i => Api.Product(
            $"sku-{i:D3}", listPrice: 10m + 3 * i, unitCost: 4m + i, floorPrice: 8m + 2 * i, maxDiscount: 0.3, inventory: 200,
            category: categories[i % categories.Length])).ToArray();
        await Http.PutProductsAsync(products);

        var now = DateTimeOffset.UtcNow;
        await (await Http.SendRawAsync(HttpMethod.Put, $"/api/v1/admin/campaigns/{Campaign}",
            $$$"""{"start":"{{{now.AddHours(-2):O}}}","end":"{{{now.AddDays(2):O}}}","budget":400,"revenueTarget":5000,"categories":["home"],"holdoutFraction":0.2,"unitLimits":{"sku-004":50}}"""))
            .ExpectAsync(HttpStatusCode.OK);

        // Returning customers buy first, so the quotes span several segments.
        for (var c = 0; c < 12; c++)
        {
            var customer = $"console-customer-{c:D2}";
            if (c % 3 != 0)
            {
                var purchases = Enumerable.Range(0, c % 3 == 1 ? 1 : 4).Select(p => new
                {
                    eventId = $"{customer}-p{p}", customerId = customer, type = "purchase", sku = $"sku-{1 + (c + p) % 20:D3}",
                    amount = 40 + 60 * c, timestamp = now.AddDays(-3 - p),
                });
                await (await Http.PostJsonAsync("/api/v1/events", purchases.ToArray())).ExpectAsync(HttpStatusCode.Accepted);
            }

            var quote = await (await Http.PostJsonAsync("/api/v1/quotes", new { customerId = customer, skus = new[] { "sku-004", "sku-008", "sku-013" } }))
                .ExpectAsync(HttpStatusCode.OK);
            var line = quote["quotes"]!.AsArray().First()!;
            await (await Http.PostJsonAsync("/api/v1/orders", new
            {
                orderId = $"console-order-{c:D2}", customerId = customer,
                lines = new[] { new { sku = (string)line["sku"]!, quantity = 1, quoteToken = (string)line["token"]! } },
            })).ExpectAsync(HttpStatusCode.OK);
        }

        // A day of earlier decisions, labelled, outcomes from the served prior: the learning page's run has held-out
        // decisions to judge its candidates and the blanket coupons on.
        var prior = LogisticResponseModel.Load(ModelFiles.Resolve(new PricingOptions().ModelPath));
        await Cluster.SeedDecisionLogAsync(DecisionLogSimulator.Simulate(prior, LoggedDecisions, exploration: 0.3, seed: 5,
            new PricingOptions().DiscountGrid, now.AddDays(-1), TimeSpan.FromSeconds(30)));

        var onnx = TestModels.SmallNetworkOnnx(SecondModel);
        await (await Http.PostJsonAsync("/api/v1/admin/models", new { version = SecondModel, onnx = Convert.ToBase64String(onnx.Onnx), card = onnx.Card }))
            .ExpectAsync(HttpStatusCode.Created);

        // Each silo reports its newest quote lines every 2 s: wait (bounded) until they are all in.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await Http.GetJsonAsync("/api/v1/admin/quotes/recent?limit=500")).AsArray().Count == 36)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The silo did not report its recent quotes within 10 s.");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Http.Dispose();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "Admin console in chromium";
}
