using System.Text.RegularExpressions;
using NetArchTest.Rules;
using OrleansPricing.Client;
using OrleansPricing.Grains.Customers;
using OrleansPricing.Scoring;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.UnitTests.Architecture;

/// <summary>Holds the code to <c>docs/architecture.md</c>: project references, packages, compiled references and Pricing's namespace layers.</summary>
public sealed class ArchitectureTests
{
    private static readonly ProjectGraph Graph = ProjectGraph.Load(RepositoryRoot.Path);

    /// <summary>Within Pricing, each namespace may use only these (and itself).</summary>
    private static readonly Dictionary<string, string[]> PricingLayers = new(StringComparer.Ordinal)
    {
        ["Features"] = [],
        ["Quotes"] = [],
        ["Campaigns"] = ["Quotes"],
        ["Models"] = ["Features"],
        ["Segmentation"] = ["Features"],
        ["Policy"] = ["Features", "Models", "Campaigns"],
        ["DecisionLog"] = ["Features"],
        ["Learning"] = ["Features", "Models", "Policy", "DecisionLog"],
    };

    [Fact]
    public void Project_references_follow_the_architecture_table()
    {
        Assert.Equal([], LayerRules.Violations(Graph));
        Assert.Equal(LayerRules.AllowedProjects.Keys.Order(), Graph.Projects.Keys.Order());
    }

    [Fact]
    public void A_forbidden_reference_is_reported()
    {
        // The check above would fail like this if someone gave Pricing back its Orleans SDK, or let the gateway use Grains.
        Assert.Equal(
            ["Pricing references Microsoft.Orleans.Sdk; it must run without Orleans",
             "Scoring reaches Microsoft.Orleans.Sdk through Pricing; it must run without Orleans",
             "Training reaches Microsoft.Orleans.Sdk through Pricing; it must run without Orleans"],
            LayerRules.Violations(Graph.With("Pricing", packageReference: "Microsoft.Orleans.Sdk")));
        Assert.Equal(
            ["Client references Grains; it may reference only [Contracts]"],
            LayerRules.Violations(Graph.With("Client", projectReference: "Grains")));
    }

    [Fact]
    public void Pricing_compiles_without_any_Orleans_assembly()
    {
        var references = typeof(QuotePolicy).Assembly.GetReferencedAssemblies().Select(name => name.Name!).ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("Orleans", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("OrleansPricing", StringComparison.Ordinal));
    }

    [Fact]
    public void Contracts_compile_without_pricing_types()
    {
        var references = typeof(QuoteRequest).Assembly.GetReferencedAssemblies().Select(name => name.Name!).ToList();

        Assert.DoesNotContain("OrleansPricing.Pricing", references);
    }

    [Fact]
    public void Pricing_namespaces_use_only_the_layers_below_them()
    {
        var failures = new List<string>();
        foreach (var (layer, allowed) in PricingLayers)
        {
            foreach (var other in PricingLayers.Keys.Where(other => other != layer && !allowed.Contains(other)))
            {
                var result = Types.InAssembly(typeof(QuotePolicy).Assembly)
                    .That().ResideInNamespace($"OrleansPricing.Pricing.{layer}")
                    .ShouldNot().HaveDependencyOn($"OrleansPricing.Pricing.{other}")
                    .GetResult();
                if (!result.IsSuccessful)
                {
                    failures.AddRange(result.FailingTypeNames.Select(type => $"{type} uses {other}"));
                }
            }
        }

        Assert.Equal([], failures);
        Assert.Equal(
            PricingLayers.Keys.Order(),
            typeof(QuotePolicy).Assembly.GetTypes().Select(type => type.Namespace ?? "").Where(ns => ns.StartsWith("OrleansPricing.Pricing.", StringComparison.Ordinal))
                .Select(ns => ns["OrleansPricing.Pricing.".Length..]).Distinct().Order());
    }

    [Fact]
    public void The_wire_channels_are_the_channels_the_feature_definition_encodes()
    {
        Assert.Equal(QuoteContext.KnownChannels, QuoteChannels.Known);
    }

    [Theory]
    [InlineData(typeof(QuotePolicy))]
    [InlineData(typeof(CustomerGrain))]
    [InlineData(typeof(GatewayOptions))]
    [InlineData(typeof(ActiveModel))]
    public void Namespaces_within_a_project_form_no_cycle(Type typeInProject)
    {
        var assembly = typeInProject.Assembly;
        var root = assembly.GetName().Name!;
        var namespaces = assembly.GetTypes().Select(type => type.Namespace).OfType<string>()
            .Where(ns => ns.StartsWith(root + ".", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();
        var uses = namespaces.ToDictionary(ns => ns, ns => namespaces.Where(other => other != ns && !Types.InAssembly(assembly)
            .That().ResideInNamespaceMatching($"^{Regex.Escape(ns)}$")
            .ShouldNot().HaveDependencyOn(other)
            .GetResult().IsSuccessful).ToList());

        Assert.Null(FindCycle(uses));
    }

    /// <summary>A cycle in the namespace graph as "A -> B -> A", or null.</summary>
    private static string? FindCycle(Dictionary<string, List<string>> uses)
    {
        var state = uses.Keys.ToDictionary(ns => ns, _ => 0);
        var path = new List<string>();
        string? Visit(string ns)
        {
            state[ns] = 1;
            path.Add(ns);
            foreach (var next in uses[ns])
            {
                if (state[next] == 1)
                {
                    return string.Join(" -> ", path.Skip(path.IndexOf(next)).Append(next));
                }

                if (state[next] == 0 && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            state[ns] = 2;
            path.RemoveAt(path.Count - 1);
            return null;
        }

        return uses.Keys.Where(ns => state[ns] == 0).Select(Visit).FirstOrDefault(cycle => cycle is not null);
    }
}
