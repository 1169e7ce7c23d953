namespace OrleansPricing.Grains.Cluster;

/// <summary>
/// Blob containers of one service: as Orleans keeps each service id's grain state apart in a shared storage account, a
/// service's model files and decision log go to containers named after it, so that two services on one account (say
/// staging beside production) neither read nor overwrite each other's.
/// </summary>
public static class ServiceContainers
{
    /// <summary>
    /// <paramref name="prefix"/>-{service id} as Azure allows a container name: lower-case letters, digits and single
    /// hyphens, at most 63 characters.
    /// </summary>
    public static string Name(string prefix, string serviceId)
    {
        var cleaned = new string(serviceId.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        while (cleaned.Contains("--", StringComparison.Ordinal))
        {
            cleaned = cleaned.Replace("--", "-", StringComparison.Ordinal);
        }

        var name = $"{prefix}-{cleaned.Trim('-')}".TrimEnd('-');
        return name.Length > 63 ? name[..63].TrimEnd('-') : name;
    }
}
