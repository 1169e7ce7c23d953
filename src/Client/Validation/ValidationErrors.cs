namespace OrleansPricing.Client.Validation;

/// <summary>Collects field errors ("[2].listPrice": "must be positive") for one RFC 7807 validation problem.</summary>
public sealed class ValidationErrors
{
    /// <summary>Ids and SKUs longer than this are refused: they end up in storage keys.</summary>
    public const int MaxIdLength = 128;

    /// <summary>
    /// The largest price or amount accepted: far above any real one, and far enough below decimal's range that the
    /// features summing a customer's spend can never overflow.
    /// </summary>
    public const decimal MaxMoney = 1_000_000_000m;

    /// <summary>Adds an error when <paramref name="value"/> is above <see cref="MaxMoney"/>.</summary>
    public void AtMostMaxMoney(string field, decimal? value)
    {
        if (value > MaxMoney)
        {
            Add(field, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"must be at most {MaxMoney:N0}."));
        }
    }

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);

    /// <returns>The id when valid, else null with an error recorded.</returns>
    /// <summary>Characters Azure Table keys cannot hold (the grain storage replaces them, aliasing two ids).</summary>
    private static readonly char[] KeyUnsafe = ['/', '\\', '#', '?'];

    public string? Id(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required and must not be blank.");
            return null;
        }

        if (value.Length > MaxIdLength)
        {
            Add(field, $"must be at most {MaxIdLength} characters, was {value.Length}.");
            return null;
        }

        if (value.Any(char.IsControl))
        {
            Add(field, "must not contain control characters.");
            return null;
        }

        if (value.IndexOfAny(KeyUnsafe) >= 0)
        {
            Add(field, "must not contain '/', '\\', '#' or '?': ids are Azure Table keys, which cannot hold them, and storage would replace them with '_' so that 'a#1' and 'a_1' became one.");
            return null;
        }

        return value;
    }

    public T? Required<T>(string field, T? value)
        where T : struct
    {
        if (value is null)
        {
            Add(field, "is required.");
        }

        return value;
    }

    public void Count<T>(string field, IReadOnlyCollection<T>? items, int max)
    {
        if (items is null || items.Count == 0)
        {
            Add(field, "must list at least one item.");
        }
        else
        {
            AtMost(field, items, max);
        }
    }

    /// <summary>A page size given as a query parameter: absent is fine (the endpoint's default), else 1 … <paramref name="max"/>.</summary>
    public void Limit(int? limit, int max)
    {
        if (limit is < 1 || limit > max)
        {
            Add("limit", $"must be between 1 and {max}.");
        }
    }

    /// <summary>An optional list: absent or empty is fine, longer than <paramref name="max"/> is not.</summary>
    public void AtMost<T>(string field, IReadOnlyCollection<T>? items, int max)
    {
        if (items?.Count > max)
        {
            Add(field, $"must list at most {max} items, listed {items.Count}.");
        }
    }
}
