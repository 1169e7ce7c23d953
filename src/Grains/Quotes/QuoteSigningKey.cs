namespace OrleansPricing.Grains.Quotes;

/// <summary>One HMAC-SHA256 key: its id (written into every token it signs) and its secret, base64 of at least 32 bytes.</summary>
public sealed class QuoteSigningKey
{
    public string Id { get; set; } = "";

    public string Secret { get; set; } = "";
}
