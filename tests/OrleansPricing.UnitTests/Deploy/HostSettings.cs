using System.Globalization;
using System.Reflection;
using OrleansPricing.Client;
using OrleansPricing.Client.Hosting;
using OrleansPricing.Client.Security;
using OrleansPricing.Grains.Quotes;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Policy;
using OrleansPricing.Scoring;
using OrleansPricing.Silo.Hosting;

namespace OrleansPricing.UnitTests.Deploy;

/// <summary>Whether an environment setting (<c>Section__Key</c> or <c>Section__List__N__Key</c>) is one the hosts read, with a value of its type.</summary>
public static class HostSettings
{
    /// <summary>The settings types bound from each section; the cluster's and the silo's own endpoint settings share <c>Orleans</c>.</summary>
    private static readonly Dictionary<string, Type[]> BySection = new(StringComparer.Ordinal)
    {
        [ClusterConnectionSettings.SectionName] = [typeof(ClusterConnectionSettings), typeof(SiloEndpointSettings)],
        [SiloHostSettings.SectionName] = [typeof(SiloHostSettings)],
        [GatewayOptions.SectionName] = [typeof(GatewayOptions)],
        [PricingOptions.SectionName] = [typeof(PricingOptions)],
        [CampaignServingOptions.SectionName] = [typeof(CampaignServingOptions)],
        [DecisionLogOptions.SectionName] = [typeof(DecisionLogOptions)],
        [QuoteSigningOptions.SectionName] = [typeof(QuoteSigningOptions)],
        [ApiKeyOptions.SectionName] = [typeof(ApiKeyOptions)],
        [ScoringOptions.SectionName] = [typeof(ScoringOptions)],
    };

    /// <returns>Null when the setting is read and its value parses; else what is wrong.</returns>
    public static string? Problem(string key, string? value)
    {
        var parts = key.Split("__");
        if (parts.Length is not (2 or 4))
        {
            return $"{key} is not Section__Key or Section__List__Index__Key";
        }

        if (parts[0] == "ConnectionStrings")
        {
            return parts[1] == ClusterConnectionSettings.ConnectionStringName ? null : $"{key}: the hosts read only ConnectionStrings__{ClusterConnectionSettings.ConnectionStringName}";
        }

        if (!BySection.TryGetValue(parts[0], out var settings))
        {
            return $"unknown section in {key}";
        }

        var property = settings.Select(type => type.GetProperty(parts[1], BindingFlags.Public | BindingFlags.Instance)).FirstOrDefault(found => found is not null);
        if (property is null)
        {
            return $"section {parts[0]} has no setting {parts[1]}";
        }

        if (parts.Length == 4)
        {
            // A list entry: Section__List__0__Key names a setting of the list's element type.
            if (!property.PropertyType.IsArray || !int.TryParse(parts[2], out _))
            {
                return $"{parts[0]}:{parts[1]} is not a list";
            }

            property = property.PropertyType.GetElementType()!.GetProperty(parts[3], BindingFlags.Public | BindingFlags.Instance);
            if (property is null)
            {
                return $"the entries of {parts[0]}:{parts[1]} have no setting {parts[3]}";
            }
        }

        if (value is null)
        {
            return null; // set from a secret or the pod: checked elsewhere
        }

        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var parses = type == typeof(string)
            || (type == typeof(int) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            || (type == typeof(long) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            || (type == typeof(bool) && bool.TryParse(value, out _))
            || (type == typeof(TimeSpan) && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out _));
        return parses ? null : $"{key}='{value}' is not a {type.Name}";
    }
}
