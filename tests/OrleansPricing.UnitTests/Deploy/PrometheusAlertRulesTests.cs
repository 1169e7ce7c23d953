using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace OrleansPricing.UnitTests.Deploy;

/// <summary>
/// deploy/prometheus/alerts.yaml as Prometheus would load it (no Prometheus runs here): groups of rules, each with a
/// unique name, an expression, a severity and what to tell the person paged; every metric an expression reads is
/// documented in the README. That each is on a silo's /metrics under that name is the functional tests' check
/// (<c>AlertRulesTests</c>).
/// </summary>
public sealed partial class PrometheusAlertRulesTests
{
    private static readonly string File = Path.Combine(RepositoryRoot.Path, "deploy", "prometheus", "alerts.yaml");

    [GeneratedRegex(@"\bpricing_[a-z_]+")]
    private static partial Regex MetricName();

    private static List<YamlMappingNode> Rules()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(System.IO.File.ReadAllText(File)));
        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        return [.. ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>().SelectMany(group => ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())];
    }

    private static string Text(YamlMappingNode node, params string[] path)
    {
        YamlNode at = node;
        foreach (var key in path)
        {
            Assert.True(at is YamlMappingNode map && map.Children.ContainsKey(key), $"{string.Join('.', path)} missing");
            at = ((YamlMappingNode)at)[key];
        }

        return ((YamlScalarNode)at).Value ?? "";
    }

    [Fact]
    public void Every_rule_names_its_alert_severity_and_what_to_do()
    {
        var rules = Rules();

        Assert.Equal(
            ["PricingDecisionLogBacklog", "PricingDecisionLogNotWriting", "PricingDecisionLogRowsLost", "PricingLearningRunsFailing", "PricingScoringQueueWaitHigh"],
            rules.Select(rule => Text(rule, "alert")).Order(StringComparer.Ordinal));
        Assert.All(rules, rule => Assert.Contains(Text(rule, "labels", "severity"), new[] { "warning", "critical" }));
        Assert.All(rules, rule => Assert.NotEmpty(Text(rule, "annotations", "summary")));
        Assert.All(rules, rule => Assert.True(Text(rule, "annotations", "description").Length > 40, $"{Text(rule, "alert")}: say what it means and what to do"));
        Assert.All(rules, rule => Assert.NotEmpty(MetricName().Matches(Text(rule, "expr"))));
    }

    [Fact]
    public void Every_metric_an_expression_reads_is_documented()
    {
        var readme = System.IO.File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        // A histogram's series are its family's name and a suffix.
        var families = Rules().SelectMany(rule => MetricName().Matches(Text(rule, "expr")))
            .Select(match => Regex.Replace(match.Value, "_(bucket|count|sum)$", "")).Distinct().ToList();

        Assert.All(families, family => Assert.Contains(family, readme, StringComparison.Ordinal));
    }
}
