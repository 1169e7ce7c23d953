using System.Globalization;
using nietras.SeparatedValues;

namespace OrleansPricing.Benchmarks.Shop;

/// <summary>The shop simulation's CSV files (results, lines): comma-separated, values escaped, numbers culture-invariant.</summary>
internal static class ShopCsv
{
    public static SepWriter Writer(string path) =>
        Sep.New(',').Writer(options => options with { Escape = true, CultureInfo = CultureInfo.InvariantCulture }).ToFile(path);
}
