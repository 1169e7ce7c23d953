namespace OrleansPricing.Client.Hosting;

/// <summary>What every host of this service passes to <c>WebApplication.CreateBuilder</c> besides its own arguments.</summary>
public static class HostArguments
{
    /// <summary>
    /// Configuration is read once, at start (every setting is bound through <c>IOptions</c>), so it is not reloaded on
    /// change: reloading makes the host watch its whole content root, and the decision log written under it kept that
    /// watcher and the finalizer thread busy — 2.9% and 6.9% of the silo's CPU samples under load, gone without it.
    /// Arguments after it may still turn it back on.
    /// </summary>
    public static string[] With(string[] args) => ["--hostBuilder:reloadConfigOnChange=false", .. args];
}
