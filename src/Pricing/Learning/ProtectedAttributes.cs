using nietras.SeparatedValues;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// Protected attributes a shop registers for some of its customers (a CSV: an id column and one column per attribute,
/// as Artea's demographics file). They are never model inputs: the learning service only reports — and, with a bound,
/// limits — how differently each group would be treated.
/// </summary>
public sealed class ProtectedAttributes
{
    private readonly Dictionary<string, Dictionary<string, string>> _byCustomer;

    private ProtectedAttributes(IReadOnlyList<string> attributes, Dictionary<string, Dictionary<string, string>> byCustomer)
    {
        Attributes = attributes;
        _byCustomer = byCustomer;
    }

    public static ProtectedAttributes None { get; } = new([], new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal));

    public IReadOnlyList<string> Attributes { get; }

    /// <summary>The group of the customers the file gives no value of an attribute.</summary>
    public const string NotRegistered = "(not registered)";

    /// <summary>The customer's value of the attribute, or <see cref="NotRegistered"/>.</summary>
    public string GroupOf(string customerId, string attribute) =>
        _byCustomer.TryGetValue(customerId, out var values) && values.TryGetValue(attribute, out var value) ? value : NotRegistered;

    /// <summary>The customer ids the file lists.</summary>
    public IReadOnlyCollection<string> CustomerIds => _byCustomer.Keys;

    /// <summary>
    /// The same attributes keyed by the ids the decision log records (its pseudonyms); customers without one (never
    /// quoted, or erased) are left out.
    /// </summary>
    public ProtectedAttributes KeyedBy(IReadOnlyDictionary<string, string> pseudonymById) =>
        new(Attributes, _byCustomer
            .Where(pair => pseudonymById.ContainsKey(pair.Key))
            .ToDictionary(pair => pseudonymById[pair.Key], pair => pair.Value, StringComparer.Ordinal));

    public static ProtectedAttributes Read(string path, string idColumn)
    {
        using var reader = Sep.New(',').Reader(options => options with { Unescape = true }).FromFile(path);
        var header = reader.Header.ColNames.Select((name, i) => i == 0 ? name.TrimStart('\uFEFF') : name).ToList();
        var id = header.IndexOf(idColumn);
        if (id < 0)
        {
            throw new FormatException($"{Path.GetFileName(path)}: no id column '{idColumn}'; the header has {string.Join(", ", header)}.");
        }

        var attributes = header.Where((_, i) => i != id).ToList();
        var byCustomer = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var row in reader)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                if (i != id)
                {
                    values[header[i]] = row[i].ToString();
                }
            }

            // A customer listed twice keeps the first row.
            byCustomer.TryAdd(row[id].ToString(), values);
        }

        return new ProtectedAttributes(attributes, byCustomer);
    }
}
