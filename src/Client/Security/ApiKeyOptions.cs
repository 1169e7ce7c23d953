using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;

namespace OrleansPricing.Client.Security;

/// <summary>The API keys the gateway accepts (section <c>Security</c>): <c>Security:ApiKeys:N:Name</c>, <c>:Role</c>, <c>:Sha256</c>.</summary>
public sealed class ApiKeyOptions : IValidatableObject
{
    public const string SectionName = "Security";

    public ApiKeyEntry[] ApiKeys { get; set; } = [];

    /// <summary>The hex SHA-256 the configuration holds for a key.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ApiKeys.Length == 0)
        {
            yield return new ValidationResult(
                "Security:ApiKeys must list at least one key: Security:ApiKeys:0:Name, :Role (management or integration) and :Sha256 (hex SHA-256 of the key).");
            yield break;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var k = 0; k < ApiKeys.Length; k++)
        {
            var key = ApiKeys[k];
            if (string.IsNullOrWhiteSpace(key.Name) || !names.Add(key.Name))
            {
                yield return new ValidationResult($"Security:ApiKeys:{k}:Name must be set and unique.");
            }

            if (!ApiKeyRoles.All.Contains(key.Role))
            {
                yield return new ValidationResult($"Security:ApiKeys:{k}:Role must be {string.Join(" or ", ApiKeyRoles.All)}, not '{key.Role}'.");
            }

            if (key.Sha256.Length != 64 || !key.Sha256.All(char.IsAsciiHexDigit))
            {
                yield return new ValidationResult($"Security:ApiKeys:{k}:Sha256 must be the 64 hex digits of the key's SHA-256 (e.g. printf %s \"$KEY\" | sha256sum).");
            }
            else if (!hashes.Add(key.Sha256))
            {
                yield return new ValidationResult($"Security:ApiKeys:{k}:Sha256 is the hash of another key too.");
            }
        }
    }
}
