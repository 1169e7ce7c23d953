using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OrleansPricing.Benchmarks;

/// <summary>
/// The HTTP phase driven by <c>wrk</c> (Debian's package), a load generator in a process of its own, so its work is
/// measured apart from the gateway's: its CPU is this process's reaped children's (<c>/proc/self/stat</c>).
/// </summary>
internal static partial class WrkLoad
{
    public const string Program = "wrk";

    private static readonly string[] SocketErrorKinds = ["connect", "read", "write", "timeout"];

    public static bool Installed() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, Program)));

    /// <summary>
    /// POSTs <paramref name="bodies"/> in turn to the quotes endpoint for <paramref name="duration"/> over
    /// <paramref name="connections"/> connections; the summary's percentiles are wrk's, and the CPU it used.
    /// </summary>
    public static async Task<(LatencySummary Summary, TimeSpan Cpu)> RunAsync(
        Uri address, string apiKey, IReadOnlyList<byte[]> bodies, int connections, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var script = Path.Combine(Path.GetTempPath(), $"quotes-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(apiKey, bodies), cancellationToken);
        try
        {
            var before = ChildrenCpu();
            var start = new ProcessStartInfo(Program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList =
                {
                    "-t2", $"-c{connections}", $"-d{Math.Max(1, (int)duration.TotalSeconds)}s", "--latency", "-s", script,
                    address.ToString().TrimEnd('/'),
                },
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Program} did not start.");
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Program} exited with {process.ExitCode}: {errors}{output}");
            }

            return (Parse(output), ChildrenCpu() - before);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>wrk's report: requests and their time, non-2xx answers and socket errors as failures, percentiles.</summary>
    internal static LatencySummary Parse(string output)
    {
        var total = TotalLine().Match(output);
        if (!total.Success)
        {
            throw new InvalidOperationException($"No request count in {Program}'s report:\n{output}");
        }

        var requests = long.Parse(total.Groups["requests"].Value, CultureInfo.InvariantCulture);
        var seconds = Milliseconds(total.Groups["time"].Value, total.Groups["unit"].Value) / 1000;
        var failures = NonSuccess().Match(output) is { Success: true } answers ? long.Parse(answers.Groups["count"].Value, CultureInfo.InvariantCulture) : 0;
        if (SocketErrors().Match(output) is { Success: true } socket)
        {
            failures += SocketErrorKinds.Sum(kind => long.Parse(socket.Groups[kind].Value, CultureInfo.InvariantCulture));
        }

        double Percentile(int percent) => Percentiles().Matches(output)
            .Where(match => match.Groups["percent"].Value == percent.ToString(CultureInfo.InvariantCulture))
            .Select(match => Milliseconds(match.Groups["value"].Value, match.Groups["unit"].Value))
            .DefaultIfEmpty(double.NaN).First();
        return new LatencySummary(requests - failures, failures, requests / seconds, Percentile(50), Percentile(90), Percentile(99));
    }

    /// <summary>A wrk script that sends each body in turn (long-bracket strings: JSON needs no escaping there).</summary>
    private static string Script(string apiKey, IReadOnlyList<byte[]> bodies)
    {
        var lua = new StringBuilder();
        lua.AppendLine("wrk.method = \"POST\"");
        lua.AppendLine("wrk.headers[\"Content-Type\"] = \"application/json\"");
        lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.headers[\"{Client.Security.ApiKeyAuthenticationHandler.HeaderName}\"] = \"{apiKey}\"");
        lua.AppendLine("local bodies = {");
        foreach (var body in bodies)
        {
            lua.AppendLine(CultureInfo.InvariantCulture, $"[==[{Encoding.UTF8.GetString(body)}]==],");
        }

        lua.AppendLine("}");
        lua.AppendLine("local n = 0");
        lua.AppendLine("request = function()");
        lua.AppendLine("  n = n + 1");
        lua.AppendLine(CultureInfo.InvariantCulture, $"  return wrk.format(nil, \"{HttpQuoteLoad.QuotesPath}\", nil, bodies[(n % #bodies) + 1])");
        lua.AppendLine("end");
        return lua.ToString();
    }

    private static double Milliseconds(string value, string unit) =>
        double.Parse(value, CultureInfo.InvariantCulture) * unit switch { "us" => 0.001, "ms" => 1, "s" => 1000, "m" => 60_000, _ => double.NaN };

    /// <summary>User and system time of this process's children that have been waited for: fields 16 and 17 of /proc/self/stat, in clock ticks of 1/100 s (Linux's USER_HZ).</summary>
    private static TimeSpan ChildrenCpu()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state), so field 16 is fields[13].
        var ticks = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    [GeneratedRegex(@"(?<requests>\d+) requests in (?<time>[\d.]+)(?<unit>us|ms|s|m),")]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (?<count>\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (?<connect>\d+), read (?<read>\d+), write (?<write>\d+), timeout (?<timeout>\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"^\s+(?<percent>\d+)%\s+(?<value>[\d.]+)(?<unit>us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentiles();
}
