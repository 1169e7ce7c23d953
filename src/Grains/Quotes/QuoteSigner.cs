using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OrleansPricing.Grains.Quotes;

/// <summary>
/// Signs quotes so that an order can be priced from the quote it cites without the service having stored it:
/// <c>q1.{key id}.{claims}.{signature}</c>, the claims as base64url JSON and the signature HMAC-SHA256 over everything
/// before it, with the key named in the token. Verification recomputes the signature in constant time; the caller then
/// checks what the claims say (customer, SKU, units, expiry) against the order.
/// </summary>
public sealed class QuoteSigner
{
    private const string Version = "q1";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _activeKey;

    public QuoteSigner(IOptions<QuoteSigningOptions> options)
    {
        var value = options.Value;
        _keys = value.Keys.ToDictionary(key => key.Id, key => Convert.FromBase64String(key.Secret), StringComparer.Ordinal);
        _activeKey = value.ActiveKey ?? value.Keys[0].Id;
    }

    public string Sign(QuoteClaims claims)
    {
        var body = $"{Version}.{_activeKey}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims, Json))}";
        return $"{body}.{Base64Url.EncodeToString(Mac(_keys[_activeKey], body))}";
    }

    public bool TryVerify(string token, out QuoteClaims? claims, out QuoteTokenError error)
    {
        (claims, error) = (null, QuoteTokenError.Invalid);
        var parts = token.Split('.');
        if (parts.Length != 4 || parts[0] != Version)
        {
            return false;
        }

        if (!_keys.TryGetValue(parts[1], out var key))
        {
            error = QuoteTokenError.UnknownKey;
            return false;
        }

        var body = token[..token.LastIndexOf('.')];
        if (!TryFromBase64Url(parts[3], out var signature) || !CryptographicOperations.FixedTimeEquals(Mac(key, body), signature)
            || !TryFromBase64Url(parts[2], out var payload))
        {
            return false;
        }

        try
        {
            claims = JsonSerializer.Deserialize<QuoteClaims>(payload, Json);
        }
        catch (JsonException)
        {
            return false;
        }

        return claims is not null;
    }

    /// <summary>
    /// One HMAC per thread and key, reset after each use: the one-shot <see cref="HMACSHA256.HashData(byte[], byte[])"/>
    /// sets the key up on every call (1.5 µs against 0.7 µs here for a token's body), and a quote signs every line.
    /// </summary>
    [ThreadStatic]
    private static Dictionary<byte[], IncrementalHash>? t_macs;

    private static byte[] Mac(byte[] key, string body)
    {
        var macs = t_macs ??= new Dictionary<byte[], IncrementalHash>(ReferenceEqualityComparer.Instance);
        if (!macs.TryGetValue(key, out var mac))
        {
            macs[key] = mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        }

        mac.AppendData(Encoding.ASCII.GetBytes(body));
        return mac.GetHashAndReset();
    }

    /// <summary>Decodes without throwing: a token is caller input, and malformed base64url is just an invalid token.</summary>
    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (Base64Url.DecodeFromChars(text, bytes, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }

        bytes = bytes[..written];
        return true;
    }
}
