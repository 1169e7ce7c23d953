using System.Globalization;

namespace OrleansPricing.Training.Commands;

/// <summary>Parses "--name value" options; every error names the option.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CommandLine(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"Unexpected argument '{list[i]}': options are written --name value.");
            }

            if (i + 1 >= list.Count || list[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"Option {list[i]} needs a value.");
            }

            _values[list[i][2..]] = list[++i];
        }
    }

    public string Required(string name) =>
        Optional(name) ?? throw new UsageException($"Option --{name} is required.");

    public string? Optional(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var value) ? value : null;
    }

    public double Number(string name, double fallback, double min, double max)
    {
        var text = Optional(name);
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"Option --{name} must be a number in [{min}, {max}], got '{text}'.");
    }

    public IReadOnlyList<string>? List(string name) =>
        Optional(name)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Call after reading every option: an option nobody read is a typo.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(key => !_read.Contains(key)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"Unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}
