using System.CommandLine;

namespace OrleansPricing.Training.Commands;

/// <summary>The option shapes the learning commands share; every range error names its option.</summary>
internal static class Options
{
    public static Option<string> Required(string name, string description) =>
        new(name) { Description = description, Required = true };

    public static Option<string?> Optional(string name, string description) => new(name) { Description = description };

    public static Option<string> WithDefault(string name, string fallback, string description) =>
        new(name) { Description = description, DefaultValueFactory = _ => fallback };

    public static Option<double> Number(string name, double fallback, double min, double max, string description)
    {
        var option = new Option<double>(name) { Description = $"{description} In [{min}, {max}].", DefaultValueFactory = _ => fallback };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!(value >= min && value <= max))
            {
                result.AddError($"{name} must be a number in [{min}, {max}], got {value}.");
            }
        });
        return option;
    }

    public static Option<int> Whole(string name, int fallback, int min, int max, string description)
    {
        var option = new Option<int>(name) { Description = $"{description} In [{min}, {max}].", DefaultValueFactory = _ => fallback };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError($"{name} must be a whole number in [{min}, {max}], got {value}.");
            }
        });
        return option;
    }

    /// <summary>A comma-separated list (<c>--learners a,b</c>); null when not given.</summary>
    public static Option<IReadOnlyList<string>?> List(string name, string description) =>
        new(name)
        {
            Description = $"{description} Comma-separated.",
            CustomParser = result => result.Tokens.SelectMany(token => token.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList(),
        };
}
