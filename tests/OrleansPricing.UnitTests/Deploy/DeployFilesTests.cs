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
                Assert.Null(HostSettings.Problem(key, ((YamlScalarNode)valueNode).Value!) is { } problem ? $"{service}: {problem}" : null);
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

    [Fact]
    public void The_local_cluster_starts_every_Azurite_service_the_development_account_names()
    {
        // UseDevelopmentStorage=true names blobs on 10000 and tables on 10002; a silo with a blob endpoint keeps its
        // decision log and model files there, so a missing blob service loses the log and fails the learning service.
        var script = File.ReadAllText(Path.Combine(Root, "deploy", "run-local-cluster.sh"));

        Assert.Contains("export PRICING_STORAGE=\"UseDevelopmentStorage=true\"", script, StringComparison.Ordinal);
        Assert.Matches(@"azurite-table""[^\n]*\n[^\n]*--tablePort 10002", script);
        Assert.Matches(@"azurite-blob""[^\n]*\n[^\n]*--blobPort 10000", script);
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
