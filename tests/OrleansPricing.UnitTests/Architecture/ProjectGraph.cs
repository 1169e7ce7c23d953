using System.Xml.Linq;

namespace OrleansPricing.UnitTests.Architecture;

/// <summary>The project and package references of every project under <c>src/</c>, as their project files declare them.</summary>
internal sealed record ProjectGraph(IReadOnlyDictionary<string, ProjectReferences> Projects)
{
    public static ProjectGraph Load(string root)
    {
        var projects = new Dictionary<string, ProjectReferences>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var document = XDocument.Load(file);
            projects[Path.GetFileName(Path.GetDirectoryName(file))!] = new ProjectReferences(
                document.Descendants("ProjectReference")
                    .Select(reference => Path.GetFileName(Path.GetDirectoryName(reference.Attribute("Include")!.Value.Replace('\\', '/')))!)
                    .ToHashSet(StringComparer.Ordinal),
                document.Descendants("PackageReference").Select(reference => reference.Attribute("Include")!.Value).ToHashSet(StringComparer.Ordinal));
        }

        return new ProjectGraph(projects);
    }

    public ProjectGraph With(string project, string? projectReference = null, string? packageReference = null)
    {
        var references = Projects[project];
        var changed = new ProjectReferences(
            references.Projects.Concat(projectReference is null ? [] : [projectReference]).ToHashSet(StringComparer.Ordinal),
            references.Packages.Concat(packageReference is null ? [] : [packageReference]).ToHashSet(StringComparer.Ordinal));
        return new ProjectGraph(new Dictionary<string, ProjectReferences>(Projects, StringComparer.Ordinal) { [project] = changed });
    }
}
