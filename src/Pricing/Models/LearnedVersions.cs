using System.Globalization;

namespace OrleansPricing.Pricing.Models;

/// <summary>How the model registry names the versions the learning service registers: <c>learned-0001</c>, by run number.</summary>
public static class LearnedVersions
{
    public const string Prefix = "learned-";

    public static string Name(int runNumber) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{runNumber:D4}");

    /// <summary>Whether a version was learned by the service from this shop's decisions (not the hand-set prior, not an upload).</summary>
    public static bool IsLearned(string version) => version.StartsWith(Prefix, StringComparison.Ordinal);
}
