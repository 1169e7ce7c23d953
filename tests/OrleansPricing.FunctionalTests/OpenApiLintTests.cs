using System.Diagnostics;
using System.Text.Json.Nodes;
using OrleansPricing.UnitTests;

namespace OrleansPricing.FunctionalTests;

/// <summary>
/// The gateway's OpenAPI document passes Redocly's recommended rules (redocly.yaml) with no error — the linter that
/// package.json pins and ./test.sh installs — and lists only the v1 API, each operation with its key schemes and the
/// problem responses it can give.
/// </summary>
[Collection(GatewayCollection.Name)]
[Trait("Requires", "Azurite")]
public sealed class OpenApiLintTests(GatewayFixture fixture)
{
    [Fact]
    public async Task The_openapi_document_passes_the_linter_with_no_error()
    {
        var document = await fixture.Http.GetStringAsync("/openapi/v1.json");
        var file = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document);
        var root = RepositoryRoot.Path;
        var linter = Path.Combine(root, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(linter), $"No linter at {linter}: ./test.sh installs it (npm ci).");
        try
        {
            var start = new ProcessStartInfo(linter, ["lint", file, "--format", "stylish"])
            {
                WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true,
                Environment = { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" },
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"redocly lint failed:\n{await output}\n{await errors}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Only_the_v1_api_is_documented_with_its_key_schemes_and_problem_responses()
    {
        var document = JsonNode.Parse(await fixture.Http.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();
        Assert.All(paths, path => Assert.StartsWith("/api/v1/", path.Key));
        Assert.Equal(["apiKey", "basic"], document["components"]!["securitySchemes"]!.AsObject().Select(s => s.Key).Order());

        var listModels = paths["/api/v1/admin/models"]!["get"]!;
        Assert.Equal(["200", "401", "403", "429", "503"], listModels["responses"]!.AsObject().Select(r => r.Key).Order());
        Assert.Equal(2, listModels["security"]!.AsArray().Count);

        // A storefront call cannot be forbidden (any key may make it); an order can be refused as 409 or 422.
        var order = paths["/api/v1/orders"]!["post"]!;
        Assert.Equal(["200", "400", "401", "409", "413", "422", "429", "503"], order["responses"]!.AsObject().Select(r => r.Key).Order());
    }
}
