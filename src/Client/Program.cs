using OrleansPricing.Client.Hosting;

// The standalone gateway: joins a running cluster as an Orleans client and serves the HTTP API.
var builder = WebApplication.CreateBuilder(args);
builder.UseOrleansClient(client => client.UsePricingCluster(builder.Configuration));
builder.Services.AddPricingGateway();

var app = builder.Build();
app.UsePricingGateway();
app.Run();
