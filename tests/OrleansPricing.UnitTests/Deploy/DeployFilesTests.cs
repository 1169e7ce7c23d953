using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Client;
using OrleansPricing.Client.Hosting;
using OrleansPricing.Client.Security;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.Policy;
using OrleansPricing.Grains.Quotes;
using OrleansPricing.Silo.Hosting;
using YamlDotNet.RepresentationModel;

namespace OrleansPricing.UnitTests.Deploy;

/// <summary>
/// No container engine runs here, so the files under deploy/ are checked instead of run: the compose file must parse,
/// build what exists, and configure only settings the hosts actually read; the scripts must parse.
/// </summary>
public sealed class DeployFilesTests
{
    private static readonly string Root = RepositoryRoot.Path;

    /// <summary>The settings types bound from each section; the cluster's and the silo's own endpoint settings share <c>Orleans</c>.</summary>
    private static readonly Dictionary<string, Type[]> SettingsBySection = new(StringComparer.Ordinal)
    {
        [ClusterConnectionSettings.SectionName] = [typeof(ClusterConnectionSettings), typeof(SiloEndpointSettings)],
        [SiloHostSettings.SectionName] = [typeof(SiloHostSettings)],
        [GatewayOptions.SectionName] = [typeof(GatewayOptions)],
        [PricingOptions.SectionName] = [typeof(PricingOptions)],
        [CampaignServingOptions.SectionName] = [typeof(CampaignServingOptions)],
        [DecisionLogOptions.SectionName] = [typeof(DecisionLogOptions)],
        [QuoteSigningOptions.SectionName] = [typeof(QuoteSigningOptions)],
        [ApiKeyOptions.SectionName] = [typeof(ApiKeyOptions)],
    };

    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        using var reader = File.OpenText(Path.Combine(Root, "deploy", "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    /// <summary>Reads a mapping with YAML merge keys (&lt;&lt;: *anchor) applied.</summary>
    private static Dictionary<string, YamlNode> Merged(YamlMappingNode node)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (node.Children.TryGetValue(new YamlScalarNode("<<"), out var merged))
        {
            foreach (var pair in Merged((YamlMappingNode)merged))
            {
                result[pair.Key] = pair.Value;
            }
        }

        foreach (var (key, value) in node.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name != "<<")
            {
                result[name] = value;
            }
        }

        return result;
    }

    private static IEnumerable<(string Service, Dictionary<string, YamlNode> Definition)> Services() =>
        ((YamlMappingNode)Compose()["services"]).Children
            .Select(pair => (((YamlScalarNode)pair.Key).Value!, Merged((YamlMappingNode)pair.Value)));

    [Fact]
    public void Compose_builds_existing_host_projects_from_the_repository()
    {
        var built = Services().Where(service => service.Definition.ContainsKey("build")).ToList();

        Assert.Equal(["gateway", "silo1", "silo2"], built.Select(service => service.Service).Order(StringComparer.Ordinal));
        foreach (var (service, definition) in built)
        {
            var build = Merged((YamlMappingNode)definition["build"]);
            var context = Path.GetFullPath(Path.Combine(Root, "deploy", ((YamlScalarNode)build["context"]).Value!));
            Assert.Equal(Root, context.TrimEnd(Path.DirectorySeparatorChar));
            Assert.True(File.Exists(Path.Combine(context, ((YamlScalarNode)build["dockerfile"]).Value!)), $"{service}: Dockerfile missing");
            var project = ((YamlScalarNode)Merged((YamlMappingNode)build["args"])["PROJECT"]).Value!;
            Assert.True(File.Exists(Path.Combine(Root, "src", project, $"OrleansPricing.{project}.csproj")), $"{service}: no project {project}");
        }
    }

    [Fact]
    public void Compose_sets_only_settings_the_hosts_read()
    {
        foreach (var (service, definition) in Services())
        {
            if (!definition.TryGetValue("environment", out var environment))
            {
                continue;
            }

            foreach (var (key, valueNode) in Merged((YamlMappingNode)environment))
            {
                var value = ((YamlScalarNode)valueNode).Value!;
                var parts = key.Split("__");
                Assert.True(parts.Length is 2 or 4, $"{service}: {key} is not Section__Key or Section__List__Index__Key");
                if (parts[0] == "ConnectionStrings")
                {
                    Assert.Equal(ClusterConnectionSettings.ConnectionStringName, parts[1]);
                    continue;
                }

                Assert.True(SettingsBySection.TryGetValue(parts[0], out var settings), $"{service}: unknown section in {key}");
                var property = settings.Select(type => type.GetProperty(parts[1], BindingFlags.Public | BindingFlags.Instance)).FirstOrDefault(found => found is not null);
                Assert.True(property is not null, $"{service}: section {parts[0]} has no setting {parts[1]}");
                if (parts.Length == 4)
                {
                    // A list entry: Section__List__0__Key names a setting of the list's element type.
                    Assert.True(property.PropertyType.IsArray && int.TryParse(parts[2], out _), $"{service}: {parts[0]}:{parts[1]} is not a list");
                    property = property.PropertyType.GetElementType()!.GetProperty(parts[3], BindingFlags.Public | BindingFlags.Instance);
                    Assert.True(property is not null, $"{service}: the entries of {parts[0]}:{parts[1]} have no setting {parts[3]}");
                }

                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                var parses = type == typeof(string)
                    || (type == typeof(int) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                    || (type == typeof(long) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                    || (type == typeof(bool) && bool.TryParse(value, out _))
                    || (type == typeof(TimeSpan) && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out _));
                Assert.True(parses, $"{service}: {key}='{value}' is not a {type.Name}");
            }
        }
    }

    [Fact]
    public void Dockerfile_copies_only_paths_that_exist()
    {
        var copies = File.ReadAllLines(Path.Combine(Root, "deploy", "Dockerfile"))
            .Where(line => line.StartsWith("COPY ", StringComparison.Ordinal) && !line.Contains("--from", StringComparison.Ordinal))
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToList();

        Assert.NotEmpty(copies);
        Assert.All(copies, path => Assert.True(
            File.Exists(Path.Combine(Root, path)) || Directory.Exists(Path.Combine(Root, path)), $"COPY source {path} does not exist"));
    }

    [Fact]
    public void Containers_run_as_the_unprivileged_app_user()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "deploy", "Dockerfile"));
        var runtimeStage = Array.FindLastIndex(lines, line => line.StartsWith("FROM ", StringComparison.Ordinal));

        var users = lines[runtimeStage..].Where(line => line.StartsWith("USER ", StringComparison.Ordinal)).ToList();

        Assert.Equal(["USER $APP_UID"], users);
    }

    [Theory]
    [InlineData("deploy/run-local-cluster.sh")]
    [InlineData("test.sh")]
    [InlineData(".ci/run")]
    public void Shell_scripts_parse(string script)
    {
        using var bash = Process.Start(new ProcessStartInfo("bash", ["-n", Path.Combine(Root, script)]) { RedirectStandardError = true })!;
        var errors = bash.StandardError.ReadToEnd();
        bash.WaitForExit();

        Assert.True(bash.ExitCode == 0, $"{script}: {errors}");
    }
}
