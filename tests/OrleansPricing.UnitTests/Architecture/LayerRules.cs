namespace OrleansPricing.UnitTests.Architecture;

/// <summary>The intended dependency graph of <c>docs/architecture.md</c>, as rules a <see cref="ProjectGraph"/> is checked against.</summary>
internal static class LayerRules
{
    /// <summary>The projects each project may reference directly; a project not listed here is a violation too.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> AllowedProjects = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Pricing"] = [],
        ["Contracts"] = [],
        ["Scoring"] = ["Pricing"],
        ["Grains"] = ["Contracts", "Pricing", "Scoring"],
        ["Client"] = ["Contracts"],
        ["Silo"] = ["Grains", "Client"],
        ["Training"] = ["Pricing"],
        ["Benchmarks"] = ["Silo"],
    };

    /// <summary>Projects that must run without Orleans: no Orleans package, directly or through a project.</summary>
    public static readonly string[] WithoutOrleans = ["Pricing", "Scoring", "Training"];

    public static IReadOnlyList<string> Violations(ProjectGraph graph)
    {
        var violations = new List<string>();
        foreach (var (project, references) in graph.Projects.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!AllowedProjects.TryGetValue(project, out var allowed))
            {
                violations.Add($"{project} is not in the architecture table (docs/architecture.md)");
                continue;
            }

            violations.AddRange(references.Projects.Where(reference => !allowed.Contains(reference))
                .Select(reference => $"{project} references {reference}; it may reference only [{string.Join(", ", allowed)}]"));
        }

        foreach (var project in WithoutOrleans)
        {
            foreach (var reached in Closure(graph, project))
            {
                violations.AddRange(graph.Projects[reached].Packages.Where(package => package.StartsWith("Microsoft.Orleans", StringComparison.Ordinal))
                    .Select(package => reached == project
                        ? $"{project} references {package}; it must run without Orleans"
                        : $"{project} reaches {package} through {reached}; it must run without Orleans"));
            }
        }

        return violations;
    }

    private static IEnumerable<string> Closure(ProjectGraph graph, string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next) && graph.Projects.TryGetValue(next, out var references))
            {
                foreach (var reference in references.Projects)
                {
                    pending.Push(reference);
                }
            }
        }

        return seen.Where(graph.Projects.ContainsKey);
    }
}
