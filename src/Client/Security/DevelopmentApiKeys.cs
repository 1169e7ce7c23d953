using System.Globalization;
using System.Security.Cryptography;

namespace OrleansPricing.Client.Security;

/// <summary>
/// The embedded development default's keys: a management and an integration key made at start when none is configured,
/// printed once and written to a git-ignored file in the host's content root that the README's curl examples read.
/// Only their hashes go into configuration.
/// </summary>
public static class DevelopmentApiKeys
{
    public const string FileName = ".pricing-api-keys";

    /// <returns>The configuration entries of the two keys (names, roles, hashes).</returns>
    public static Dictionary<string, string?> Create(string directory, TextWriter output)
    {
        var management = NewKey();
        var integration = NewKey();
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, string.Join('\n',
            $"# OrleansPricing development API keys, made by the embedded silo at its start (git-ignored). Load them with: . {path}",
            $"export PRICING_MANAGEMENT_KEY={management}",
            $"export PRICING_INTEGRATION_KEY={integration}",
            ""));
        output.WriteLine($"Development API keys (written to {path}; send one in the X-Api-Key header):");
        output.WriteLine($"  management:  {management}");
        output.WriteLine($"  integration: {integration}");
        return new Dictionary<string, string?>
        {
            [$"{ApiKeyOptions.SectionName}:ApiKeys:0:Name"] = "development-management",
            [$"{ApiKeyOptions.SectionName}:ApiKeys:0:Role"] = ApiKeyRoles.Management,
            [$"{ApiKeyOptions.SectionName}:ApiKeys:0:Sha256"] = ApiKeyOptions.Hash(management),
            [$"{ApiKeyOptions.SectionName}:ApiKeys:1:Name"] = "development-integration",
            [$"{ApiKeyOptions.SectionName}:ApiKeys:1:Role"] = ApiKeyRoles.Integration,
            [$"{ApiKeyOptions.SectionName}:ApiKeys:1:Sha256"] = ApiKeyOptions.Hash(integration),
        };
    }

    /// <summary>Whether the configuration lists any API key.</summary>
    public static bool AnyConfigured(IConfiguration configuration) =>
        configuration.GetSection($"{ApiKeyOptions.SectionName}:ApiKeys").GetChildren().Any();

    private static string NewKey() => "op_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)).ToString(CultureInfo.InvariantCulture);
}
