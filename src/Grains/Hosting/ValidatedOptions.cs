using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OrleansPricing.Grains.Hosting;

/// <summary>
/// The one way this service registers options: bound from a configuration section, validated by their own rules
/// (attributes and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>), checked at start so a bad
/// setting stops the silo by name.
/// </summary>
public static class ValidatedOptions
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string sectionPath)
        where TOptions : class =>
        services.AddOptions<TOptions>()
            .Configure<IConfiguration>((options, configuration) => BindReplacingLists(configuration.GetSection(sectionPath), options))
            .ValidateDataAnnotations()
            .ValidateOnStart();

    /// <summary>
    /// Binds like <c>ConfigurationBinder.Bind</c>, except that a configured list replaces the default instead of being
    /// appended to it (the binder's own behaviour: <c>Pricing__DiscountGrid__0..6</c> would otherwise give 14 levels).
    /// </summary>
    public static void BindReplacingLists<TOptions>(IConfigurationSection section, TOptions options)
        where TOptions : class
    {
        foreach (var property in typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property is { CanWrite: true, PropertyType.IsArray: true } && section.GetSection(property.Name).GetChildren().Any())
            {
                property.SetValue(options, Array.CreateInstance(property.PropertyType.GetElementType()!, 0));
            }
        }

        section.Bind(options);
    }
}
