using Orleans.Dashboard;
using OrleansPricing.Client.Hosting;
using OrleansPricing.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
var host = SiloHostSettings.From(builder.Configuration);
builder.UseOrleans(silo => silo.UsePricingSilo(builder.Configuration));
if (host.CoHostGateway)
{
    builder.Services.AddPricingGateway();
}

if (host.SeedDemoCatalog ?? ClusterConnectionSettings.StorageConnectionString(builder.Configuration) is null)
{
    builder.Services.AddHostedService<DemoCatalogSeeder>();
}

var app = builder.Build();
if (host.CoHostGateway)
{
    app.UsePricingGateway();
}

app.MapOrleansDashboard(routePrefix: "/dashboard");
app.Run();
