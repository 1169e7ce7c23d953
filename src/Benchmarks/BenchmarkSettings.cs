using System.Globalization;

namespace OrleansPricing.Benchmarks;

public sealed record BenchmarkSettings(TimeSpan Duration, int Concurrency, int SkusPerQuote, int Customers)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        var settings = new BenchmarkSettings(TimeSpan.FromSeconds(10), 32, 3, 2000);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            var number = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                ? parsed
                : throw new ArgumentException($"{args[i]} needs a positive whole number, got '{value}'.");
            settings = args[i++] switch
            {
                "--seconds" => settings with { Duration = TimeSpan.FromSeconds(number) },
                "--concurrency" => settings with { Concurrency = number },
                "--skus" => settings with { SkusPerQuote = number },
                "--customers" => settings with { Customers = number },
                var unknown => throw new ArgumentException($"Unknown option {unknown}; use --seconds, --concurrency, --skus, --customers."),
            };
        }

        return settings;
    }

    public override string ToString() =>
        $"{Duration.TotalSeconds:F0} s per phase, {Concurrency} concurrent callers, {SkusPerQuote} SKUs per quote, {Customers} customers";
}
