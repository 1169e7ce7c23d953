namespace OrleansPricing.UnitTests.Deploy;

/// <summary>
/// deploy/prometheus/alerts.yaml as Prometheus would load it (no Prometheus runs here, <see cref="AlertRules"/>): groups of
/// rules, each with a unique name, an expression, a severity and what to tell the person paged; every metric an
/// expression reads is documented in the README. That each is on a silo's /metrics under that name is the functional
/// tests' check (<c>AlertRulesTests</c>).
/// </summary>
public sealed class PrometheusAlertRulesTests
{
    [Fact]
    public void Every_rule_names_its_alert_severity_and_what_to_do()
    {
        var rules = AlertRules.Load();

        Assert.Equal(
            ["PricingDecisionLogBacklog", "PricingDecisionLogNotWriting", "PricingDecisionLogRowsLost", "PricingLearningRunsFailing", "PricingScoringQueueWaitHigh"],
            rules.Select(rule => AlertRules.Text(rule, "alert")).Order(StringComparer.Ordinal));
        Assert.All(rules, rule => Assert.Contains(AlertRules.Text(rule, "labels", "severity"), new[] { "warning", "critical" }));
        Assert.All(rules, rule => Assert.NotEmpty(AlertRules.Text(rule, "annotations", "summary")));
        Assert.All(rules, rule => Assert.True(AlertRules.Text(rule, "annotations", "description").Length > 40, $"{AlertRules.Text(rule, "alert")}: say what it means and what to do"));
        Assert.All(rules, rule => Assert.NotEmpty(AlertRules.MetricFamilies(AlertRules.Text(rule, "expr"))));
    }

    [Fact]
    public void Every_metric_an_expression_reads_is_documented()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        Assert.All(AlertRules.MetricFamiliesRead(), family => Assert.Contains(family, readme, StringComparison.Ordinal));
    }
}
