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

    /// <summary>"q1.{active key}." in ASCII (key ids are letters, digits, '-' and '_').</summary>
    private readonly byte[] _prefix;

    public QuoteSigner(IOptions<QuoteSigningOptions> options)
    {
        var value = options.Value;
        _keys = value.Keys.ToDictionary(key => key.Id, key => Convert.FromBase64String(key.Secret), StringComparer.Ordinal);
        _activeKey = value.ActiveKey ?? value.Keys[0].Id;
        _prefix = Encoding.ASCII.GetBytes($"{Version}.{_activeKey}.");
    }

    public string Sign(QuoteClaims claims)
    {
        // Built in one pooled buffer of ASCII bytes (every quote line signs a token, and the strings were the largest
        // share of a quote's allocations in a profile): "q1.{key}.", the claims, ".", the signature.
        var claimsJson = t_claims ??= new ArrayBufferWriter<byte>(256);
        claimsJson.ResetWrittenCount();
        var jsonWriter = t_claimsWriter ??= new Utf8JsonWriter(claimsJson, new JsonWriterOptions { Encoder = Json.Encoder, SkipValidation = true });
        jsonWriter.Reset(claimsJson);
        JsonSerializer.Serialize(jsonWriter, claims, Json);
        jsonWriter.Flush();
        var json = claimsJson.WrittenSpan;
        var prefixLength = _prefix.Length;
        var bodyLength = prefixLength + Base64Url.GetEncodedLength(json.Length);
        var length = bodyLength + 1 + Base64Url.GetEncodedLength(MacBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var token = buffer.AsSpan(0, length);
            _prefix.CopyTo(token);
            Base64Url.EncodeToUtf8(json, token[prefixLength..]);
            token[bodyLength] = (byte)'.';
            Span<byte> mac = stackalloc byte[MacBytes];
            Mac(_keys[_activeKey], token[..bodyLength], mac);
            Base64Url.EncodeToUtf8(mac, token[(bodyLength + 1)..]);
            return Encoding.ASCII.GetString(token);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The claims' JSON of the signing thread, reused: every quote line signs a token.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_claims;

    [ThreadStatic]
    private static Utf8JsonWriter? t_claimsWriter;

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
        Span<byte> mac = stackalloc byte[MacBytes];
        Mac(key, Encoding.ASCII.GetBytes(body), mac);
        if (!TryFromBase64Url(parts[3], out var signature) || !CryptographicOperations.FixedTimeEquals(mac, signature)
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

    private const int MacBytes = 32;

    private static void Mac(byte[] key, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var macs = t_macs ??= new Dictionary<byte[], IncrementalHash>(ReferenceEqualityComparer.Instance);
        if (!macs.TryGetValue(key, out var mac))
        {
            macs[key] = mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        }

        mac.AppendData(body);
        mac.GetHashAndReset(destination);
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
