namespace OrleansPricing.UnitTests;

/// <summary>The checkout the tests run from: tests that read repository files (deploy files, project files) start here.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "OrleansPricing.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("OrleansPricing.sln not found above the test binaries.");
    }
}
