using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.FunctionalTests;

/// <summary>
/// The admin console in a real browser (Debian chromium through Playwright): each page shows the figures the admin API
/// returns, the models page activates, shadows and rolls back, a training run starts from the learning page and one is
/// cancelled there, and a visit without a management key is refused.
/// </summary>
[Collection(ConsoleCollection.Name)]
[Trait("Requires", "Azurite")]
[Trait("Requires", "Chromium")]
public sealed class ConsoleBrowserTests(ConsoleFixture fixture)
{
    private HttpClient Http => fixture.Http;

    private static string Money(JsonNode? value) => value!.GetValue<decimal>().ToString("N2", CultureInfo.InvariantCulture); // as the page's en-US format

    private async Task<IPage> OpenAsync(string path)
    {
        var context = await fixture.ContextAsync(fixture.Cluster.ManagementKey);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        return page;
    }

    private static async Task<string> TextAsync(IPage page, string selector)
    {
        var locator = page.Locator(selector);
        await locator.WaitForAsync(new() { Timeout = 10_000 });
        return (await locator.InnerTextAsync()).Trim();
    }

    /// <summary>
    /// <paramref name="value"/> with <paramref name="digits"/> decimals as the console writes it: JavaScript's toFixed,
    /// which rounds a tie up where .NET's "F" rounds it to even (7.25 is 7.3 on the page and 7.2 in .NET). A run's step
    /// times are kept to the hundredth, so such ties came up about once in fifty runs.
    /// </summary>
    private static Task<string> FixedAsync(IPage page, double value, int digits) =>
        page.EvaluateAsync<string>("([value, digits]) => value.toFixed(digits)", new object[] { value, digits });

    private static async Task ExpectTextAsync(IPage page, string selector, string expected) =>
        await Assertions.Expect(page.Locator(selector)).ToHaveTextAsync(expected, new() { Timeout = 10_000 });

    [Fact]
    public async Task The_overview_shows_the_model_the_silos_and_the_live_campaigns()
    {
        var models = await Http.GetJsonAsync("/api/v1/admin/models");
        var page = await OpenAsync("/console/");

        await ExpectTextAsync(page, "#active-model .value", (string)models["active"]!);
        await ExpectTextAsync(page, "#silo-count .value", models["silos"]!.AsArray().Count.ToString(CultureInfo.InvariantCulture));
        // Each silo's decision log as it reported it: the console's fixture logs to blob storage.
        var silo = models["silos"]!.AsArray()[0]!;
        Assert.Equal("writing", (string)silo["decisionLog"]!["state"]!);
        var row = $"#silos tr[data-key='{(string)silo["silo"]!}']";
        await ExpectTextAsync(page, $"{row} td:nth-child(6)", "writing");
        // A count as the page read it: a silo's report after the API's read may have raised it, never lowered it.
        var logged = long.Parse(await TextAsync(page, $"{row} td:nth-child(7)"), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.InRange(logged, silo["decisionLog"]!["decisionsWritten"]!.GetValue<long>(), long.MaxValue);
        await Assertions.Expect(page.Locator($"#campaigns tr[data-key='{ConsoleFixture.Campaign}']")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "overview");
    }

    [Fact]
    public async Task The_campaign_page_shows_spend_plan_arms_duals_and_leases_as_the_api_does()
    {
        var page = await OpenAsync($"/console/campaigns.html?id={ConsoleFixture.Campaign}");
        await page.Locator("#detail-title").WaitForAsync();
        var campaign = await Http.GetJsonAsync($"/api/v1/admin/campaigns/{ConsoleFixture.Campaign}");

        await ExpectTextAsync(page, "#spent .value", Money(campaign["spent"]));
        await ExpectTextAsync(page, "#available .value", Money(campaign["available"]));
        Assert.True(campaign["spent"]!.GetValue<decimal>() > 0, "the seeded orders spent some of the budget");
        Assert.Equal(campaign["treatmentConversions"]!.ToString(), await TextAsync(page, "#arms tr[data-key='treatment'] td:nth-child(3)"));
        Assert.Equal(campaign["holdoutConversions"]!.ToString(), await TextAsync(page, "#arms tr[data-key='holdout'] td:nth-child(3)"));
        Assert.Equal(await FixedAsync(page, campaign["duals"]!["lambda"]!.GetValue<double>(), 4),
            await TextAsync(page, "#duals tr[data-key='λ (discount budget)'] td:nth-child(2)"));
        Assert.Equal(campaign["leasesByHolder"]!.AsObject().Count, await page.Locator("#leases tr[data-key]").CountAsync());
        Assert.True(campaign["spendHistory"]!.AsArray().Count > 0, "spend is recorded over time for the chart");
        Assert.True(await page.EvaluateAsync<bool>("() => Chart.getChart('pacing').data.datasets[1].data.length > 1"),
            "the pacing chart plots the spend history");
        await ConsoleFixture.ScreenshotAsync(page, "campaigns");

        await page.Locator("#pause").ClickAsync();
        await ExpectTextAsync(page, "#status", $"Campaign {ConsoleFixture.Campaign}: paused.");
        Assert.True((bool)(await Http.GetJsonAsync($"/api/v1/admin/campaigns/{ConsoleFixture.Campaign}"))["paused"]!);
        await page.Locator("#resume").ClickAsync();
        await ExpectTextAsync(page, "#status", $"Campaign {ConsoleFixture.Campaign}: resumed.");
        Assert.False((bool)(await Http.GetJsonAsync($"/api/v1/admin/campaigns/{ConsoleFixture.Campaign}"))["paused"]!);
    }

    [Fact]
    public async Task Models_are_activated_shadowed_and_rolled_back_from_the_models_page()
    {
        var before = await Http.GetJsonAsync("/api/v1/admin/models");
        var original = (string)before["active"]!;
        var page = await OpenAsync("/console/models.html");
        await Assertions.Expect(page.Locator("#versions tr[data-key]")).ToHaveCountAsync(before["versions"]!.AsArray().Count);

        await page.Locator($"#versions tr[data-key='{ConsoleFixture.SecondModel}'] button.set-shadow").ClickAsync();
        await ExpectTextAsync(page, "#shadow .value", ConsoleFixture.SecondModel);
        Assert.Equal(ConsoleFixture.SecondModel, (string)(await Http.GetJsonAsync("/api/v1/admin/models"))["shadow"]!);

        // Activating the shadow version promotes it: its trial is over.
        await page.Locator($"#versions tr[data-key='{ConsoleFixture.SecondModel}'] button.activate").ClickAsync();
        await ExpectTextAsync(page, "#active .value", ConsoleFixture.SecondModel);
        await ExpectTextAsync(page, "#shadow .value", "none");
        var promoted = await Http.GetJsonAsync("/api/v1/admin/models");
        Assert.Equal((ConsoleFixture.SecondModel, null), ((string)promoted["active"]!, (string?)promoted["shadow"]));

        await page.Locator("#rollback").ClickAsync();
        await ExpectTextAsync(page, "#active .value", original);
        Assert.Equal(original, (string)(await Http.GetJsonAsync("/api/v1/admin/models"))["active"]!);
        await page.Locator($"#versions tr[data-key='{ConsoleFixture.SecondModel}'] button.set-shadow").ClickAsync();
        await ExpectTextAsync(page, "#shadow .value", ConsoleFixture.SecondModel);
        await ConsoleFixture.ScreenshotAsync(page, "models");
        await page.Locator("#clear-shadow").ClickAsync();
        await ExpectTextAsync(page, "#shadow .value", "none");
        Assert.Null((await Http.GetJsonAsync("/api/v1/admin/models"))["shadow"]);
    }

    [Fact]
    public async Task A_training_run_started_from_the_learning_page_is_listed_as_the_api_lists_it()
    {
        var page = await OpenAsync("/console/learning.html");
        await page.Locator("#start").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(new Regex("^Training run .+ started\\.$"));
        var started = await TextAsync(page, "#status");
        var runId = started["Training run ".Length..].Split(' ')[0];

        var learning = await Http.GetJsonAsync("/api/v1/admin/learning");
        Assert.Contains(learning["runs"]!.AsArray(), run => (string)run!["runId"]! == runId);
        await Assertions.Expect(page.Locator($"#runs tr[data-key='{runId}']")).ToBeVisibleAsync();
        await ExpectTextAsync(page, "#active-model .value", (string)learning["activeModel"]!);

        // Once the run has finished, its detail shows the same figures as the API.
        var run = await Http.WaitForLearningRunAsync(runId);
        Assert.Equal("completed", (string)run["status"]!);
        Assert.True((int)run["decisionsRead"]! >= ConsoleFixture.LoggedDecisions, "the run read the logged decisions");
        // The page follows a running run by itself: no reload.
        await Assertions.Expect(page.Locator($"#runs tr[data-key='{runId}'] td:nth-child(2)")).ToContainTextAsync(
            (string)run["status"]!, new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#cancel")).ToBeDisabledAsync(); // nothing running to cancel
        await page.Locator($"#runs tr[data-key='{runId}']").ClickAsync();
        await ExpectTextAsync(page, "#detail-title",
            $"Run {runId} {(string)run["status"]!}{((bool)run["refreshed"]! ? "refreshed" : (bool)run["promoted"]! ? "promoted" : "")}");
        // A refresh of the active kind is counted apart from the promotions of candidates that beat the active version.
        var runs = (await Http.GetJsonAsync("/api/v1/admin/learning"))["runs"]!.AsArray();
        await ExpectTextAsync(page, "#promotions .value",
            runs.Count(r => (bool)r!["promoted"]! && !(bool)r["refreshed"]!).ToString(CultureInfo.InvariantCulture));
        await ExpectTextAsync(page, "#refreshes .value", runs.Count(r => (bool)r!["refreshed"]!).ToString(CultureInfo.InvariantCulture));
        Assert.Equal(run["candidates"]!.AsArray().Count, await page.Locator("#candidates tr[data-key]").CountAsync());
        var exploration = run["exploration"]!;
        Assert.True((int)exploration["explored"]! > 0, "the logged decisions hold exploration draws");
        var explorationLine = await TextAsync(page, "#detail-exploration");
        Assert.StartsWith($"Exploration: {(int)exploration["explored"]!} of {(int)exploration["decisions"]!} decisions", explorationLine, StringComparison.Ordinal);
        // The held-out draws valued by both estimates, a draw.
        var heldOutDraws = (int)exploration["heldOutDraws"]!;
        Assert.True(heldOutDraws > 0, "the held-out decisions hold exploration draws");
        Assert.Contains(
            $"On the {heldOutDraws} held-out draws, a draw: {await FixedAsync(page, (double)exploration["heldOutServingCost"]! / heldOutDraws, 3)} by the serving models' estimate",
            explorationLine, StringComparison.Ordinal);
        Assert.Contains($"{await FixedAsync(page, (double)exploration["heldOutCandidateCost"]! / heldOutDraws, 3)} by the run's first candidate", explorationLine, StringComparison.Ordinal);
        // Where its time went: each step the API lists, with its seconds since the start, the last how it ended.
        var steps = run["steps"]!.AsArray();
        await Assertions.Expect(page.Locator("#steps tr[data-key]")).ToHaveCountAsync(steps.Count);
        Assert.Equal("Reading the decision log.", await TextAsync(page, "#steps tr[data-key='0'] td:nth-child(3)"));
        var last = $"#steps tr[data-key='{steps.Count - 1}']";
        Assert.Equal(((string)steps[^1]!["step"]!, $"{await FixedAsync(page, steps[^1]!["atSeconds"]!.GetValue<double>(), 1)} s"),
            (await TextAsync(page, $"{last} td:nth-child(3)"), await TextAsync(page, $"{last} td:nth-child(1)")));
        // Every grid level above list price, judged as a blanket coupon on the same held-out decisions.
        var coupons = run["blanketCoupons"]!.AsArray();
        Assert.Equal(new PricingOptions().DiscountGrid.Count(d => d > 0), coupons.Count);
        await Assertions.Expect(page.Locator("#coupons tr[data-key]")).ToHaveCountAsync(coupons.Count);
        foreach (var coupon in coupons)
        {
            var row = $"#coupons tr[data-key='{coupon!["discount"]!.GetValue<double>().ToString(CultureInfo.InvariantCulture)}']";
            Assert.Equal(await FixedAsync(page, coupon["doublyRobust"]!.GetValue<double>(), 3), await TextAsync(page, $"{row} td:nth-child(3)"));
            Assert.Equal((string?)coupon["shownBetter"] switch { "active" => "the active policy", "coupon" => "the coupon", _ => "neither" },
                await TextAsync(page, $"{row} td:nth-child(7)"));
        }

        // The fairness table says which groups the disparity bounds weigh.
        var fairness = run["fairness"]!.AsArray();
        Assert.NotEmpty(fairness);
        foreach (var group in fairness)
        {
            var row = $"#fairness tr[data-key='{(string)group!["dimension"]!}:{(string)group["group"]!}']";
            Assert.Equal((bool)group["judged"]! ? "yes" : "no: reported only", await TextAsync(page, $"{row} td:nth-child(8)"));
        }

        await ConsoleFixture.ScreenshotAsync(page, "learning");
    }

    [Fact]
    public async Task A_refresh_of_the_active_kind_is_marked_and_counted_apart_from_the_promotions()
    {
        // The fixture's runs refresh nothing (its log is simulated from the served prior, which no candidate beats), so
        // the page is given the API's own answers with one completed run marked as the grain records a refresh
        // (LearningRunChangeTests): promoted, and refreshed.
        var runId = (string)(await (await Http.PostAsync("/api/v1/admin/learning/runs", null)).ExpectAsync(HttpStatusCode.Accepted))["runId"]!;
        var refresh = (JsonObject)await Http.WaitForLearningRunAsync(runId);
        Assert.Equal("completed", (string)refresh["status"]!);
        refresh["promoted"] = true;
        refresh["refreshed"] = true;
        var learning = (JsonObject)await Http.GetJsonAsync("/api/v1/admin/learning");
        var runs = learning["runs"]!.AsArray();
        var listed = runs.Select(r => (string)r!["runId"]! == runId ? refresh.DeepClone() : r!.DeepClone()).ToList();
        learning["runs"] = new JsonArray([.. listed]);
        var promotions = listed.Count(r => (bool)r!["promoted"]! && !(bool)r["refreshed"]!);

        var context = await fixture.ContextAsync(fixture.Cluster.ManagementKey);
        var page = await context.NewPageAsync();
        await page.RouteAsync("**/api/v1/admin/learning", route => route.FulfillAsync(new() { ContentType = "application/json", Body = learning.ToJsonString() }));
        await page.RouteAsync($"**/api/v1/admin/learning/runs/{runId}", route => route.FulfillAsync(new() { ContentType = "application/json", Body = refresh.ToJsonString() }));
        Assert.Equal(200, (await page.GotoAsync("/console/learning.html"))!.Status);

        await ExpectTextAsync(page, "#refreshes .value", "1");
        await ExpectTextAsync(page, "#promotions .value", promotions.ToString(CultureInfo.InvariantCulture));
        await ExpectTextAsync(page, $"#runs tr[data-key='{runId}'] td:nth-child(2)", "completedrefreshed");
        await page.Locator($"#runs tr[data-key='{runId}']").ClickAsync();
        await ExpectTextAsync(page, "#detail-title", $"Run {runId} completedrefreshed");
    }

    [Fact]
    public async Task A_training_run_cancelled_from_the_learning_page_stops_with_serving_unchanged()
    {
        var models = await Http.GetJsonAsync("/api/v1/admin/models");
        var page = await OpenAsync("/console/learning.html");
        await page.Locator("#start").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(new Regex("^Training run .+ started\\.$"));
        var runId = (await TextAsync(page, "#status"))["Training run ".Length..].Split(' ')[0];

        // The button is enabled as soon as the page lists the run as running; a run on the fixture's log trains for
        // seconds (7.6–9.6 s in a Debug build, measured on 2026-12-05), so the click lands while it runs.
        await page.Locator("#cancel").ClickAsync();
        await ExpectTextAsync(page, "#status", $"Training run {runId}: cancelling; it stops at its next check and serving is unchanged.");
        var run = await Http.WaitForLearningRunAsync(runId);
        Assert.Equal("cancelled", (string)run["status"]!);
        Assert.StartsWith("Cancelled on request", (string)run["reason"]!, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator($"#runs tr[data-key='{runId}'] td:nth-child(2)")).ToContainTextAsync("cancelled", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#cancel")).ToBeDisabledAsync();
        var after = await Http.GetJsonAsync("/api/v1/admin/models");
        Assert.Equal(((string?)models["active"], (string?)models["shadow"]), ((string?)after["active"], (string?)after["shadow"]));
    }

    [Fact]
    public async Task Segments_and_recent_quotes_show_the_lines_the_silos_reported()
    {
        var quotes = (await Http.GetJsonAsync("/api/v1/admin/quotes/recent?limit=500")).AsArray();
        var page = await OpenAsync("/console/segments.html");
        foreach (var segment in quotes.GroupBy(q => (string)q!["segment"]!))
        {
            Assert.Equal(segment.Count().ToString(CultureInfo.InvariantCulture),
                await TextAsync(page, $"#recent tr[data-key='{segment.Key}'] td:nth-child(2)"));
        }

        Assert.True(quotes.Select(q => (string)q!["segment"]!).Distinct().Count() > 1, "the seeded customers span segments");
        await ConsoleFixture.ScreenshotAsync(page, "segments");

        page = await OpenAsync("/console/quotes.html");
        var newest = (await Http.GetJsonAsync("/api/v1/admin/quotes/recent?limit=50")).AsArray();
        await Assertions.Expect(page.Locator("#quotes tr[data-key]")).ToHaveCountAsync(newest.Count);
        var first = page.Locator("#quotes tr[data-key]").First;
        Assert.Equal((string)newest[0]!["customerId"]!, (await first.Locator("td:nth-child(2)").InnerTextAsync()).Trim());
        Assert.Equal(string.Join(", ", newest[0]!["reasons"]!.AsArray().Select(r => (string)r!)), (await first.Locator("td:nth-child(12)").InnerTextAsync()).Trim());
        await ConsoleFixture.ScreenshotAsync(page, "quotes");
    }

    [Fact]
    public async Task Products_are_listed_in_pages_as_the_api_pages_them()
    {
        var first = await Http.GetJsonAsync("/api/v1/products?limit=50");
        var second = await Http.GetJsonAsync($"/api/v1/products?limit=50&after={(string)first["next"]!}");
        Assert.Null(second["next"]);
        Assert.Equal(ConsoleFixture.Products, first["items"]!.AsArray().Count + second["items"]!.AsArray().Count);

        var page = await OpenAsync("/console/products.html");
        await Assertions.Expect(page.Locator("#products tr[data-key]")).ToHaveCountAsync(50);
        Assert.Equal((string)first["items"]![0]!["sku"]!, await page.Locator("#products tr[data-key]").First.GetAttributeAsync("data-key"));
        await ConsoleFixture.ScreenshotAsync(page, "products");
        await page.Locator("#next").ClickAsync();
        await Assertions.Expect(page.Locator("#products tr[data-key]")).ToHaveCountAsync(second["items"]!.AsArray().Count);
        await Assertions.Expect(page.Locator("#next")).ToBeDisabledAsync();
        await page.Locator("#previous").ClickAsync();
        await Assertions.Expect(page.Locator("#products tr[data-key]")).ToHaveCountAsync(50);
    }

    [Fact]
    public async Task The_api_page_renders_the_openapi_document()
    {
        var page = await OpenAsync("/api-docs/index.html");
        await Assertions.Expect(page.GetByText("/api/v1/products", new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await ConsoleFixture.ScreenshotAsync(page, "api", fullPage: false);
    }

    [Theory]
    [InlineData("/console/")]
    [InlineData("/console/models.html")]
    [InlineData("/api-docs/index.html")]
    public async Task A_visit_without_a_management_key_is_refused(string path)
    {
        // No key: the browser is asked for Basic credentials, and without them the page does not load.
        var anonymous = await (await fixture.ContextAsync(null)).NewPageAsync();
        var refused = await Assert.ThrowsAsync<PlaywrightException>(() => anonymous.GotoAsync(path));
        Assert.Contains("ERR_INVALID_AUTH_CREDENTIALS", refused.Message);
        var challenge = await anonymous.APIRequest.GetAsync(path);
        Assert.Equal(401, challenge.Status);
        Assert.StartsWith("Basic realm=", challenge.Headers["www-authenticate"]);

        // An integration key signs in but may not see the console.
        var integration = await (await fixture.ContextAsync(fixture.Cluster.IntegrationKey)).NewPageAsync();
        Assert.Equal(403, (await integration.GotoAsync(path))!.Status);
    }
}
