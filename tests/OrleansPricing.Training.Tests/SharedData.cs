namespace OrleansPricing.Training.Tests;

/// <summary>The real data sets in ../shared/data beside the repository (never copied into it).</summary>
public static class SharedData
{
    public static string Directory { get; } = Find();

    public static string Path(string file) => System.IO.Path.Combine(Directory, file);

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "shared", "data");
            if (File.Exists(System.IO.Path.Combine(candidate, "artea-a_b-experiment-recoded.csv")))
            {
                return candidate;
            }

            directory = directory.Parent;
        }

        throw new InvalidOperationException("../shared/data with the Artea and online retail files was not found above the test binaries.");
    }

    public static string TempDirectory()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "orleans-pricing-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}
