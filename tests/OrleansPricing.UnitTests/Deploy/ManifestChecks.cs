using OrleansPricing.Client.Hosting;
using YamlDotNet.RepresentationModel;

namespace OrleansPricing.UnitTests.Deploy;

/// <summary>
/// What a cluster would refuse or silently mis-wire in deploy/k8s, checked without one: every object named; selectors
/// that match pod labels; services, probes and autoscalers pointing at ports and deployments that exist; secrets and
/// keys that exist; probes on the health endpoints; silo pods with what Orleans' Kubernetes hosting reads; settings the
/// hosts read; no root.
/// </summary>
public static class ManifestChecks
{
    private static readonly string[] SiloPodVariables = ["POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID"];

    public static List<YamlMappingNode> Parse(IEnumerable<(string File, string Text)> files)
    {
        var documents = new List<YamlMappingNode>();
        foreach (var (_, text) in files)
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(text));
            documents.AddRange(yaml.Documents.Select(document => (YamlMappingNode)document.RootNode));
        }

        return documents;
    }

    public static List<string> Violations(IReadOnlyList<YamlMappingNode> documents)
    {
        var violations = new List<string>();
        var byKind = documents.GroupBy(document => Text(document, "kind") ?? "").ToDictionary(group => group.Key, group => group.ToList());
        List<YamlMappingNode> Of(string kind) => byKind.GetValueOrDefault(kind) ?? [];
        var deployments = Of("Deployment").ToDictionary(d => Text(d, "metadata", "name")!, StringComparer.Ordinal);
        var secrets = Of("Secret").ToDictionary(s => Text(s, "metadata", "name")!, s => Keys(Map(s, "stringData")).Concat(Keys(Map(s, "data"))).ToHashSet(), StringComparer.Ordinal);
        var accounts = Of("ServiceAccount").Select(a => Text(a, "metadata", "name")).ToHashSet();
        var bound = Of("RoleBinding").SelectMany(b => Sequence(b, "subjects")).Select(subject => Text(subject, "name")).ToHashSet();

        foreach (var document in documents)
        {
            if (Text(document, "apiVersion") is null || Text(document, "kind") is null || Text(document, "metadata", "name") is null)
            {
                violations.Add("an object lacks apiVersion, kind or metadata.name");
            }
        }

        foreach (var (name, deployment) in deployments)
        {
            var podLabels = Labels(Map(deployment, "spec", "template", "metadata", "labels"));
            foreach (var (key, value) in Labels(Map(deployment, "spec", "selector", "matchLabels")))
            {
                if (podLabels.GetValueOrDefault(key) != value)
                {
                    violations.Add($"Deployment {name}: selector {key}={value} matches no label of its pods");
                }
            }

            var pod = Map(deployment, "spec", "template", "spec");
            if (Text(pod, "securityContext", "runAsNonRoot") != "true")
            {
                violations.Add($"Deployment {name}: pods may run as root (securityContext.runAsNonRoot)");
            }

            var isSilo = podLabels.ContainsKey("orleans/serviceId");
            if (isSilo && (!accounts.Contains(Text(pod, "serviceAccountName")) || !bound.Contains(Text(pod, "serviceAccountName"))))
            {
                violations.Add($"Deployment {name}: silo pods need a service account bound to the pod-watching role");
            }

            foreach (var container in Sequence(pod, "containers"))
            {
                var ports = Sequence(container, "ports").SelectMany(port => new[] { Text(port, "name"), Text(port, "containerPort") }).OfType<string>().ToHashSet();
                var variables = Sequence(container, "env").Select(variable => Text(variable, "name")!).ToHashSet();
                foreach (var variable in Sequence(container, "env"))
                {
                    var key = Text(variable, "name")!;
                    if (key.Contains("__", StringComparison.Ordinal) && HostSettings.Problem(key, Text(variable, "value")) is { } problem)
                    {
                        violations.Add($"Deployment {name}: {problem}");
                    }

                    if (Map(variable, "valueFrom", "secretKeyRef") is { } reference
                        && !(secrets.TryGetValue(Text(reference, "name") ?? "", out var keys) && keys.Contains(Text(reference, "key"))))
                    {
                        violations.Add($"Deployment {name}: {key} reads secret {Text(reference, "name")} key {Text(reference, "key")}, which no Secret defines");
                    }
                }

                foreach (var missing in isSilo ? SiloPodVariables.Where(v => !variables.Contains(v)) : [])
                {
                    violations.Add($"Deployment {name}: silo pods need {missing} for Orleans' Kubernetes hosting");
                }

                foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
                {
                    var path = Text(container, probe, "httpGet", "path");
                    var expected = probe == "readinessProbe" ? HealthEndpoints.Ready : HealthEndpoints.Live;
                    if (path != expected || !ports.Contains(Text(container, probe, "httpGet", "port") ?? ""))
                    {
                        violations.Add($"Deployment {name}: {probe} must get {expected} on a container port");
                    }
                }

                if (Map(container, "resources", "requests") is null)
                {
                    violations.Add($"Deployment {name}: container {Text(container, "name")} has no resource requests");
                }
            }
        }

        foreach (var service in Of("Service"))
        {
            var selector = Labels(Map(service, "spec", "selector"));
            var target = deployments.Values.FirstOrDefault(d => selector.All(pair => Labels(Map(d, "spec", "template", "metadata", "labels")).GetValueOrDefault(pair.Key) == pair.Value));
            if (target is null)
            {
                violations.Add($"Service {Text(service, "metadata", "name")}: its selector matches no deployment's pods");
                continue;
            }

            var ports = Sequence(Map(target, "spec", "template", "spec"), "containers").SelectMany(c => Sequence(c, "ports"))
                .SelectMany(port => new[] { Text(port, "name"), Text(port, "containerPort") }).ToHashSet();
            foreach (var port in Sequence(service, "spec", "ports").Where(port => !ports.Contains(Text(port, "targetPort"))))
            {
                violations.Add($"Service {Text(service, "metadata", "name")}: targetPort {Text(port, "targetPort")} is no port of its pods");
            }
        }

        foreach (var budget in Of("PodDisruptionBudget"))
        {
            var selector = Labels(Map(budget, "spec", "selector", "matchLabels"));
            if (!deployments.Values.Any(d => selector.All(pair => Labels(Map(d, "spec", "template", "metadata", "labels")).GetValueOrDefault(pair.Key) == pair.Value)))
            {
                violations.Add($"PodDisruptionBudget {Text(budget, "metadata", "name")}: its selector matches no deployment's pods");
            }
        }

        foreach (var autoscaler in Of("HorizontalPodAutoscaler"))
        {
            if (!deployments.ContainsKey(Text(autoscaler, "spec", "scaleTargetRef", "name") ?? ""))
            {
                violations.Add($"HorizontalPodAutoscaler {Text(autoscaler, "metadata", "name")}: scales {Text(autoscaler, "spec", "scaleTargetRef", "name")}, which is no Deployment");
            }
        }

        return violations;
    }

    private static YamlMappingNode? Map(YamlNode? node, params string[] path)
    {
        foreach (var step in path)
        {
            node = node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(step), out var next) ? next : null;
        }

        return node as YamlMappingNode;
    }

    private static string? Text(YamlNode? node, params string[] path)
    {
        var parent = path.Length == 1 ? node as YamlMappingNode : Map(node, path[..^1]);
        return parent is not null && parent.Children.TryGetValue(new YamlScalarNode(path[^1]), out var value) ? (value as YamlScalarNode)?.Value : null;
    }

    private static IEnumerable<YamlNode> Sequence(YamlNode? node, params string[] path)
    {
        var parent = path.Length == 1 ? node as YamlMappingNode : Map(node, path[..^1]);
        return parent is not null && parent.Children.TryGetValue(new YamlScalarNode(path[^1]), out var value) && value is YamlSequenceNode sequence
            ? sequence.Children
            : [];
    }

    private static Dictionary<string, string?> Labels(YamlMappingNode? map) =>
        map?.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => (pair.Value as YamlScalarNode)?.Value) ?? [];

    private static IEnumerable<string?> Keys(YamlMappingNode? map) => map?.Children.Keys.Select(key => ((YamlScalarNode)key).Value) ?? [];
}
