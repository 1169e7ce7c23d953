using System.Globalization;

namespace OrleansPricing.Pricing.Models;

/// <summary>
/// How the model registry names the versions the learning service registers: <c>learned-0001</c>, by run number; a run
/// that refreshes the active version and puts another kind on trial against it registers that one as
/// <c>learned-0001-trial</c>.
/// </summary>
public static class LearnedVersions
{
    public const string Prefix = "learned-";

    public static string Name(int runNumber) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{runNumber:D4}");

    /// <summary>The second version a run registers: the candidate it puts on trial beside the version it serves.</summary>
    public static string TrialName(int runNumber) => $"{Name(runNumber)}-trial";

    /// <summary>Whether a version was learned by the service from this shop's decisions (not the hand-set prior, not an upload).</summary>
    public static bool IsLearned(string version) => version.StartsWith(Prefix, StringComparison.Ordinal);
}
