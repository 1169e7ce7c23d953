using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace OrleansPricing.Benchmarks;

/// <summary>
/// Azurite's table and blob services (from the repository's node_modules, as ./test.sh installs them) on free loopback
/// ports, in memory, for a benchmark on real Azure storage protocols; stopped with the benchmark.
/// </summary>
public sealed class AzuriteProcess : IDisposable
{
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly List<Process> _processes = [];

    private AzuriteProcess(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    /// <summary>CPU time Azurite's processes have used so far.</summary>
    public TimeSpan ProcessorTime()
    {
        var total = TimeSpan.Zero;
        foreach (var process in _processes)
        {
            process.Refresh();
            total += process.TotalProcessorTime;
        }

        return total;
    }

    public static async Task<AzuriteProcess> StartAsync()
    {
        var bin = Path.Combine(CampaignSimulation.RepositoryRoot(), "node_modules", ".bin");
        if (!File.Exists(Path.Combine(bin, "azurite-table")))
        {
            throw new InvalidOperationException($"Azurite is not installed in {bin}: run `npm ci` (or ./test.sh) in the repository first.");
        }

        var (tablePort, blobPort) = (EmbeddedCluster.FreePort(), EmbeddedCluster.FreePort());
        var azurite = new AzuriteProcess(string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};TableEndpoint=http://127.0.0.1:{tablePort}/{Account};BlobEndpoint=http://127.0.0.1:{blobPort}/{Account};"));
        var workspace = Directory.CreateTempSubdirectory("benchmark-azurite-").FullName;
        azurite.Start(Path.Combine(bin, "azurite-table"), $"--inMemoryPersistence --skipApiVersionCheck --silent --tableHost 127.0.0.1 --tablePort {tablePort}", workspace);
        azurite.Start(Path.Combine(bin, "azurite-blob"), $"--inMemoryPersistence --skipApiVersionCheck --silent --blobHost 127.0.0.1 --blobPort {blobPort}", workspace);
        foreach (var port in new[] { tablePort, blobPort })
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!await AcceptsAsync(port))
            {
                if (DateTime.UtcNow > deadline)
                {
                    azurite.Dispose();
                    throw new InvalidOperationException($"Azurite did not listen on port {port} within 30 s.");
                }

                await Task.Delay(100);
            }
        }

        return azurite;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }
    }

    private void Start(string executable, string arguments, string workspace)
    {
        var info = new ProcessStartInfo(executable, arguments) { WorkingDirectory = workspace, RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
