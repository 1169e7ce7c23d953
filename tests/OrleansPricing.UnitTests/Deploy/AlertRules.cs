using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace OrleansPricing.UnitTests.Deploy;

/// <summary>
/// deploy/prometheus/alerts.yaml read as Prometheus would: its rules, and the metric families each expression reads. One
/// reader for the unit tests of the file's shape and the functional test that finds each family on a silo's /metrics.
/// </summary>
internal static partial class AlertRules
{
    public static string File { get; } = Path.Combine(RepositoryRoot.Path, "deploy", "prometheus", "alerts.yaml");

    [GeneratedRegex(@"\bpricing_[a-z_]+")]
    private static partial Regex MetricName();

    /// <summary>Every rule of every group.</summary>
    public static List<YamlMappingNode> Load()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(System.IO.File.ReadAllText(File)));
        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        return [.. ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>().SelectMany(group => ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())];
    }

    /// <summary>The scalar at <paramref name="path"/> in a rule; fails the test naming the path where it is missing.</summary>
    public static string Text(YamlMappingNode node, params string[] path)
    {
        YamlNode at = node;
        foreach (var key in path)
        {
            Assert.True(at is YamlMappingNode map && map.Children.ContainsKey(key), $"{string.Join('.', path)} missing");
            at = ((YamlMappingNode)at)[key];
        }

        return ((YamlScalarNode)at).Value ?? "";
    }

    /// <summary>Every metric family the rules' expressions read, in order.</summary>
    public static List<string> MetricFamiliesRead() =>
        [.. Load().SelectMany(rule => MetricFamilies(Text(rule, "expr"))).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The service's metric families an expression reads (a histogram's series are its family's name and a suffix).</summary>
    public static IEnumerable<string> MetricFamilies(string expression) =>
        MetricName().Matches(expression).Select(match => Regex.Replace(match.Value, "_(bucket|count|sum)$", "")).Distinct();
}
