namespace OrleansPricing.Grains.Quotes;

/// <summary>Why a quote token is not honoured; each has its own problem detail at the gateway.</summary>
public enum QuoteTokenError
{
    /// <summary>Not a token this service writes, or its signature does not match its content (altered or forged).</summary>
    Invalid,

    /// <summary>Signed with a key this cluster does not hold (another deployment's, or one removed from configuration).</summary>
    UnknownKey,
}
