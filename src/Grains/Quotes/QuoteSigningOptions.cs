using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace OrleansPricing.Grains.Quotes;

/// <summary>
/// The keys quotes are signed with (section <c>QuoteSigning</c>): <see cref="ActiveKey"/> signs new quotes; every key in
/// <see cref="Keys"/> verifies, so a key rotated out of signing keeps honouring the quotes it signed until they expire.
/// Every silo of a cluster must hold the same keys. The embedded development silo generates one key at start when none
/// is configured; a silo on shared storage refuses to start without keys.
/// </summary>
public sealed class QuoteSigningOptions : IValidatableObject
{
    public const string SectionName = "QuoteSigning";

    public const int MinimumSecretBytes = 32;

    public QuoteSigningKey[] Keys { get; set; } = [];

    /// <summary>The id of the key that signs; the first key when not set.</summary>
    public string? ActiveKey { get; set; }

    /// <summary>Adds one random key when none is configured: for the single in-memory development silo only.</summary>
    public void GenerateKeyWhenNone()
    {
        if (Keys.Length == 0)
        {
            Keys = [new QuoteSigningKey { Id = "generated", Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumSecretBytes)) }];
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Keys.Length == 0)
        {
            yield return new ValidationResult(
                "QuoteSigning:Keys must hold at least one key (QuoteSigning:Keys:0:Id and QuoteSigning:Keys:0:Secret, base64 of 32 random bytes or more), the same on every silo.");
            yield break;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < Keys.Length; k++)
        {
            var key = Keys[k];
            if (string.IsNullOrWhiteSpace(key.Id) || key.Id.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
            {
                yield return new ValidationResult($"QuoteSigning:Keys:{k}:Id must be letters, digits, '-' or '_'.");
            }
            else if (!ids.Add(key.Id))
            {
                yield return new ValidationResult($"QuoteSigning:Keys:{k}:Id '{key.Id}' is used by another key.");
            }

            if (!IsStrongSecret(key.Secret))
            {
                yield return new ValidationResult($"QuoteSigning:Keys:{k}:Secret must be base64 of at least {MinimumSecretBytes} bytes.");
            }
        }

        if (ActiveKey is not null && !ids.Contains(ActiveKey))
        {
            yield return new ValidationResult($"QuoteSigning:ActiveKey '{ActiveKey}' is not one of QuoteSigning:Keys.");
        }
    }

    private static bool IsStrongSecret(string secret)
    {
        var buffer = new byte[secret.Length];
        return Convert.TryFromBase64String(secret, buffer, out var written) && written >= MinimumSecretBytes;
    }
}
