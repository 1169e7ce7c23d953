namespace OrleansPricing.Grains.Cluster;

/// <summary>Where the model files a configuration names are found.</summary>
public static class ModelFiles
{
    /// <summary>A relative model path is looked up beside the binaries first, then in the working directory.</summary>
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        var besideBinaries = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(besideBinaries) ? besideBinaries : Path.GetFullPath(path);
    }
}
