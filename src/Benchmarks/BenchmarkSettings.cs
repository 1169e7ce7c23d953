using System.Globalization;

namespace OrleansPricing.Benchmarks;

public sealed record BenchmarkSettings(
    string Mode, TimeSpan Duration, int Concurrency, int SkusPerQuote, int Customers, string Provider, int? MaxDelayMicroseconds = null,
    int? MaxBatchRows = null, int Days = 7, int ArrivalsPerHour = 200, int Seed = 7)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        var settings = new BenchmarkSettings("quotes", TimeSpan.FromSeconds(10), 32, 3, 2000, "auto");
        var rest = args;
        if (rest.Length > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal))
        {
            settings = settings with
            {
                Mode = rest[0] is "quotes" or "scoring" or "campaign"
                    ? rest[0]
                    : throw new ArgumentException($"Unknown benchmark '{rest[0]}'; use quotes, scoring or campaign."),
            };
            rest = rest[1..];
        }

        for (var i = 0; i < rest.Length; i++)
        {
            var name = rest[i];
            var value = i + 1 < rest.Length ? rest[++i] : throw new ArgumentException($"{name} needs a value.");
            if (name == "--provider")
            {
                settings = settings with { Provider = value is "auto" or "cuda" or "cpu" ? value : throw new ArgumentException("--provider must be auto, cuda or cpu.") };
                continue;
            }

            var number = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0
                ? parsed
                : throw new ArgumentException($"{name} needs a positive whole number, got '{value}'.");
            settings = name switch
            {
                "--seconds" => settings with { Duration = TimeSpan.FromSeconds(number) },
                "--concurrency" => settings with { Concurrency = number },
                "--skus" => settings with { SkusPerQuote = number },
                "--customers" => settings with { Customers = number },
                "--max-delay-us" => settings with { MaxDelayMicroseconds = number },
                "--max-batch" => settings with { MaxBatchRows = number },
                "--days" => settings with { Days = number },
                "--arrivals-per-hour" => settings with { ArrivalsPerHour = number },
                "--seed" => settings with { Seed = number },
                _ => throw new ArgumentException($"Unknown option {name}; use --seconds, --concurrency, --skus, --customers, --provider, --days, --arrivals-per-hour, --seed."),
            };
        }

        return settings;
    }

    public override string ToString() =>
        $"{Duration.TotalSeconds:F0} s per phase, {Concurrency} concurrent callers, {SkusPerQuote} SKUs per quote, {Customers} customers";
}
