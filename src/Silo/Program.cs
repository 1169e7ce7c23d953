using Orleans.Dashboard;
using OrleansPricing.Client.Hosting;
using OrleansPricing.Client.Security;
using OrleansPricing.Silo.Hosting;

var builder = WebApplication.CreateBuilder(HostArguments.With(args));
var host = SiloHostSettings.From(builder.Configuration);
var embedded = ClusterConnectionSettings.StorageConnectionString(builder.Configuration) is null;
if (host.InMemoryRefusal(!embedded, builder.Environment.EnvironmentName) is { } refusal)
{
    Console.Error.WriteLine($"error: {refusal}");
    return 2;
}

// The embedded default (no storage configured) makes its own API keys; a deployment configures hashes of its own.
if (embedded && !DevelopmentApiKeys.AnyConfigured(builder.Configuration))
{
    builder.Configuration.AddInMemoryCollection(DevelopmentApiKeys.Create(builder.Environment.ContentRootPath, Console.Out));
}

builder.UseOrleans(silo => silo.UsePricingSilo(builder.Configuration));
if (host.CoHostGateway)
{
    builder.Services.AddPricingGateway();
}
else
{
    builder.Services.AddProblemDetails();
    builder.Services.AddPricingApiKeys();
}

builder.Services.AddPricingTelemetry(builder.Configuration);
builder.Services.AddPricingSiloHealthChecks();

if (host.SeedDemoCatalog ?? embedded)
{
    builder.Services.AddHostedService<DemoCatalogSeeder>();
}

var app = builder.Build();
if (host.CoHostGateway)
{
    app.UsePricingGateway();
}
else
{
    app.UseAuthentication();
    app.UseAuthorization();
}

app.MapPricingHealth();
app.MapPricingMetrics();

// The dashboard shows every grain and call: management keys only (a browser sends the key as the Basic password).
app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(ApiKeyRoles.Management);
app.Run();
return 0;
