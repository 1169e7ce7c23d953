using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansPricing.Benchmarks;

/// <summary>
/// The HTTP rounds sent by a load generator in a process of its own: this benchmark's executable again, run with the
/// hidden command <see cref="Command"/>, the same requests, callers and open-loop beat as the in-process load. The
/// generator's CPU, allocations and garbage collections are then its own, not the gateway's: in one process every
/// collection the client's allocations cause pauses the gateway and the silo too, and its tail is counted as theirs.
/// </summary>
/// <remarks>
/// The parent and the child speak in lines on the child's standard streams: the child warms up, says
/// <see cref="Ready"/> and waits for <see cref="Go"/> on its input (the parent runs a direct round meanwhile), then for
/// each round says <see cref="RoundStarts"/> and, at its end, <see cref="RoundEnded"/> with its figures; last
/// <see cref="AllRounds"/> with the percentiles over every round. Any other line is the child's progress, echoed.
/// </remarks>
public sealed class HttpLoadProcess : IDisposable
{
    public const string Name = "process";
    public const string Command = "http-load";

    /// <summary>The API key travels in the environment, not on a command line other users can read.</summary>
    public const string ApiKeyVariable = "PRICING_BENCHMARK_API_KEY";

    internal const string Ready = "@ready";
    internal const string Go = "go";
    internal const string RoundStarts = "@round";
    internal const string RoundEnded = "@ended ";
    internal const string AllRounds = "@total ";

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly Process _process;
    private readonly Task<string> _errors;

    private HttpLoadProcess(Process process)
    {
        _process = process;
        _errors = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Starts the generator and returns once its warm-up is done; it then waits for <see cref="RunRoundsAsync"/>.</summary>
    public static async Task<HttpLoadProcess> StartAsync(
        Uri address, string apiKey, IReadOnlyList<byte[]> bodies, int concurrency, TimeSpan warmup, TimeSpan round, int rounds, int? rate)
    {
        var bodiesFile = Path.Combine(Path.GetTempPath(), $"quote-bodies-{Guid.NewGuid():N}.jsonl");
        // A quote body is one line of JSON (no line breaks in what JsonSerializer writes).
        await File.WriteAllLinesAsync(bodiesFile, bodies.Select(body => Encoding.UTF8.GetString(body)));
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("No path to this process's executable."))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            // Run as `dotnet OrleansPricing.Benchmarks.dll`: the host needs the assembly first.
            start.ArgumentList.Add(typeof(HttpLoadProcess).Assembly.Location);
        }

        foreach (var argument in ChildArguments(address, bodiesFile, concurrency, warmup, round, rounds, rate))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[ApiKeyVariable] = apiKey;
        // A generator needs no heap per core and no collector threads of its own on the cores it shares with the gateway.
        start.Environment["DOTNET_gcServer"] = "0";
        var load = new HttpLoadProcess(Process.Start(start) ?? throw new InvalidOperationException("The load generator did not start."));
        try
        {
            await load.ReadUntilAsync(line => line == Ready);
            return load;
        }
        catch
        {
            load.Dispose();
            throw;
        }
        finally
        {
            // The child has read its bodies once it says it is ready (or it has failed).
            File.Delete(bodiesFile);
        }
    }

    internal static IEnumerable<string> ChildArguments(Uri address, string bodiesFile, int concurrency, TimeSpan warmup, TimeSpan round, int rounds, int? rate)
    {
        string[] arguments =
        [
            Command, "--address", address.ToString(), "--bodies", bodiesFile, "--concurrency", Invariant(concurrency),
            "--warmup-ms", Invariant((long)warmup.TotalMilliseconds), "--round-ms", Invariant((long)round.TotalMilliseconds), "--rounds", Invariant(rounds),
        ];
        return rate is { } perSecond ? [.. arguments, "--rate", Invariant(perSecond)] : arguments;
    }

    /// <summary>
    /// Runs the rounds, printing each with the CPU of the generator, this process (gateway and silo) and Azurite; adds each
    /// round to <paramref name="totals"/> and returns the percentiles over all of them.
    /// </summary>
    public async Task<LatencySummary> RunRoundsAsync(Func<TimeSpan>? otherCpu, PathTotals totals)
    {
        await _process.StandardInput.WriteLineAsync(Go);
        await _process.StandardInput.FlushAsync();
        while (true)
        {
            var line = await ReadUntilAsync(line => line == RoundStarts || line.StartsWith(AllRounds, StringComparison.Ordinal));
            if (line.StartsWith(AllRounds, StringComparison.Ordinal))
            {
                await _process.WaitForExitAsync();
                return Parse<LatencySummary>(line[AllRounds.Length..]);
            }

            using var cpu = new PhaseCpu(otherCpu);
            var ended = Parse<RoundReport>((await ReadUntilAsync(line => line.StartsWith(RoundEnded, StringComparison.Ordinal)))[RoundEnded.Length..]);
            totals.Add(ended.Summary);
            Console.WriteLine(cpu.Describe(ended.Summary.Requests, "gateway, silo", ("load process", TimeSpan.FromSeconds(ended.CpuSeconds))));
        }
    }

    /// <summary>Echoes the child's lines until one <paramref name="wanted"/>, which it returns; fails with its errors if it exits first.</summary>
    private async Task<string> ReadUntilAsync(Func<string, bool> wanted)
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (wanted(line))
            {
                return line;
            }

            Console.WriteLine(line);
        }

        await _process.WaitForExitAsync();
        throw new InvalidOperationException($"The load generator exited with {_process.ExitCode} before it was done: {await _errors}");
    }

    internal static T Parse<T>(string json) => JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidOperationException($"No figures in '{json}'.");

    internal static string Format<T>(T figures) => JsonSerializer.Serialize(figures, Json);

    /// <summary>The child: warm up, wait for the parent's go, then the rounds, each announced and reported on standard output.</summary>
    public static async Task<int> RunChildAsync(Uri address, FileInfo bodiesFile, int concurrency, TimeSpan warmup, TimeSpan round, int rounds, int? rate)
    {
        var apiKey = Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (string.IsNullOrEmpty(apiKey))
        {
            await Console.Error.WriteLineAsync($"{Command}: set the gateway's API key in {ApiKeyVariable}.");
            return 2;
        }

        var bodies = (await File.ReadAllLinesAsync(bodiesFile.FullName)).Where(line => line.Length > 0).Select(Encoding.UTF8.GetBytes).ToArray();
        if (bodies.Length == 0)
        {
            await Console.Error.WriteLineAsync($"{Command}: {bodiesFile.FullName} holds no request bodies.");
            return 2;
        }

        using var http = HttpQuoteLoad.CreateClient(address, apiKey, new SocketsHttpHandler { MaxConnectionsPerServer = concurrency });
        var send = HttpQuoteLoad.Sender(http, bodies);
        await Workload.RunAsync("warm-up (HTTP, load process)", concurrency, warmup, send, selfRole: "load generator");
        Console.WriteLine(Ready);
        if (await Console.In.ReadLineAsync() != Go)
        {
            return 1;
        }

        var totals = new PathTotals();
        using var self = Process.GetCurrentProcess();
        for (var number = 1; number <= rounds; number++)
        {
            Console.WriteLine(RoundStarts);
            self.Refresh();
            var cpuBefore = self.TotalProcessorTime;
            var summary = await Workload.RunAsync(
                $"HTTP gateway (load process), round {number}", concurrency, round, send, total: totals.Recorder, ratePerSecond: rate, selfRole: "load generator");
            self.Refresh();
            totals.Add(summary);
            Console.WriteLine(RoundEnded + Format(new RoundReport(summary, (self.TotalProcessorTime - cpuBefore).TotalSeconds)));
        }

        Console.WriteLine(AllRounds + Format(totals.Summarize()));
        return 0;
    }

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    /// <summary>One round's figures and the generator's CPU over it.</summary>
    internal sealed record RoundReport(LatencySummary Summary, double CpuSeconds);
}
