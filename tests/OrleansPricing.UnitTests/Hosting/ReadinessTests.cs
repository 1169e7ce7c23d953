using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansPricing.Client.Hosting;
using OrleansPricing.Scoring;
using OrleansPricing.Silo.Hosting;

namespace OrleansPricing.UnitTests.Hosting;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_is_503_until_the_model_that_prices_quotes_is_loaded_then_200()
    {
        using var model = new ActiveModel();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(model);
        builder.Services.AddAuthorization();
        builder.Services.AddHealthChecks().AddCheck<ModelHealthCheck>("model");
        await using var app = builder.Build();
        app.MapPricingHealth();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()) };

        var before = await http.GetAsync(HealthEndpoints.Ready);
        var live = await http.GetAsync(HealthEndpoints.Live);
        model.Activate(OnnxScorer.Load(
            File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "models", "lightgbm-purchase-3.0.0.onnx")), "3.0.0", new ScoringOptions { ExecutionProvider = "cpu" }));
        var after = await http.GetAsync(HealthEndpoints.Ready);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Contains("No model version is loaded yet", await before.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("Serving model version 3.0.0.", await after.Content.ReadAsStringAsync());
        await app.StopAsync();
    }
}
