using OrleansPricing.Client.Hosting;

// The standalone gateway: joins a running cluster as an Orleans client and serves the HTTP API.
var builder = WebApplication.CreateBuilder(HostArguments.With(args));
builder.UseOrleansClient(client => client.UsePricingCluster(builder.Configuration));
builder.Services.AddPricingGateway();
builder.Services.AddPricingTelemetry(builder.Configuration);
builder.Services.AddHealthChecks().AddCheck<ClusterReachableHealthCheck>("cluster");

var app = builder.Build();
app.UsePricingGateway();
app.MapPricingHealth();
app.MapPricingMetrics();
app.Run();
