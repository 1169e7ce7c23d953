namespace OrleansPricing.UnitTests.Deploy;

/// <summary>No Kubernetes runs here, so deploy/k8s is parsed and cross-checked instead (<see cref="ManifestChecks"/>).</summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "deploy", "k8s");

    private static List<(string File, string Text)> Files() =>
        [.. Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal).Select(path => (Path.GetFileName(path), File.ReadAllText(path)))];

    [Fact]
    public void Every_manifest_parses_and_every_reference_holds()
    {
        var documents = ManifestChecks.Parse(Files());

        Assert.Equal(
            ["Deployment", "Deployment", "Deployment", "HorizontalPodAutoscaler", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Role", "RoleBinding", "Secret", "Service", "ServiceAccount"],
            documents.Select(document => ((YamlDotNet.RepresentationModel.YamlScalarNode)document["kind"]).Value).Order(StringComparer.Ordinal));
        Assert.Empty(ManifestChecks.Violations(documents));
    }

    [Theory]
    [InlineData("gateway.yaml", "targetPort: http", "targetPort: web", "Service orleans-pricing: targetPort web is no port of its pods")]
    [InlineData("silo.yaml", "key: quote-signing-key", "key: signing-key", "Deployment orleans-pricing-silo: QuoteSigning__Keys__0__Secret reads secret orleans-pricing key signing-key, which no Secret defines")]
    [InlineData("silo.yaml", "path: /health/ready", "path: /ready", "Deployment orleans-pricing-silo: readinessProbe must get /health/ready on a container port")]
    [InlineData("silo.yaml", "            - name: POD_IP\n", "            - name: POD_ADDRESS\n", "Deployment orleans-pricing-silo: silo pods need POD_IP for Orleans' Kubernetes hosting")]
    [InlineData("silo.yaml", "Silo__CoHostGateway", "Silo__CoHost", "Deployment orleans-pricing-silo: section Silo has no setting CoHost")]
    [InlineData("gateway.yaml", "    name: orleans-pricing-gateway\n  minReplicas", "    name: orleans-pricing-gw\n  minReplicas", "HorizontalPodAutoscaler orleans-pricing-gateway: scales orleans-pricing-gw, which is no Deployment")]
    public void A_broken_reference_is_named(string file, string from, string to, string violation)
    {
        var files = Files().Select(f => f.File == file ? (f.File, Text: ReplaceOnce(f.Text, from, to)) : f).ToList();

        var violations = ManifestChecks.Violations(ManifestChecks.Parse(files));

        Assert.Contains(violation, violations);
    }

    private static string ReplaceOnce(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' not found");
        return text[..at] + to + text[(at + from.Length)..];
    }
}
