namespace OrleansPricing.UnitTests.Architecture;

internal sealed record ProjectReferences(IReadOnlySet<string> Projects, IReadOnlySet<string> Packages);
