using Microsoft.Extensions.Options;

namespace OrleansPricing.Grains.Hosting;

/// <summary>Validates an options class that lists its own errors, so a bad setting stops the silo at start, by name.</summary>
public sealed class ListedErrorsValidator<TOptions>(Func<TOptions, IEnumerable<string>> errors) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = errors(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
