using System.ComponentModel.DataAnnotations;
using OrleansPricing.Client.Security;

namespace OrleansPricing.UnitTests.Gateway;

public sealed class ApiKeyOptionsTests
{
    private static string[] Errors(ApiKeyOptions options) =>
        [.. options.Validate(new ValidationContext(options)).Select(result => result.ErrorMessage!)];

    [Fact]
    public void Keys_are_configured_as_hashes_with_a_known_role()
    {
        var hash = ApiKeyOptions.Hash("op_secret");

        Assert.Equal("17719470accdc95cd99930814c8ebffde522f39c6ce5dc473213ea1bd7c4706f", hash); // as sha256sum prints it
        Assert.Empty(Errors(new ApiKeyOptions { ApiKeys = [new ApiKeyEntry { Name = "shop", Role = ApiKeyRoles.Integration, Sha256 = hash }] }));
        Assert.StartsWith("Security:ApiKeys must list at least one key", Errors(new ApiKeyOptions()).Single());
        Assert.Equal(
        [
            "Security:ApiKeys:0:Role must be management or integration, not 'admin'.",
            "Security:ApiKeys:0:Sha256 must be the 64 hex digits of the key's SHA-256 (e.g. printf %s \"$KEY\" | sha256sum).",
            "Security:ApiKeys:1:Name must be set and unique.",
        ], Errors(new ApiKeyOptions
        {
            ApiKeys =
            [
                new ApiKeyEntry { Name = "a", Role = "admin", Sha256 = "op_secret" },
                new ApiKeyEntry { Name = "a", Role = ApiKeyRoles.Management, Sha256 = hash },
            ],
        }));
    }

    [Fact]
    public void Development_keys_are_written_once_and_only_their_hashes_configured()
    {
        var directory = Directory.CreateTempSubdirectory("dev-keys-").FullName;
        using var output = new StringWriter();

        var settings = DevelopmentApiKeys.Create(directory, output);

        var file = File.ReadAllLines(Path.Combine(directory, DevelopmentApiKeys.FileName));
        var management = file.Single(line => line.StartsWith("export PRICING_MANAGEMENT_KEY=", StringComparison.Ordinal)).Split('=')[1];
        var integration = file.Single(line => line.StartsWith("export PRICING_INTEGRATION_KEY=", StringComparison.Ordinal)).Split('=')[1];
        Assert.Equal(ApiKeyOptions.Hash(management), settings["Security:ApiKeys:0:Sha256"]);
        Assert.Equal((ApiKeyRoles.Management, ApiKeyRoles.Integration), (settings["Security:ApiKeys:0:Role"], settings["Security:ApiKeys:1:Role"]));
        Assert.Equal(ApiKeyOptions.Hash(integration), settings["Security:ApiKeys:1:Sha256"]);
        Assert.DoesNotContain(settings.Values, value => value == management || value == integration);
        Assert.Contains(management, output.ToString());
    }
}
