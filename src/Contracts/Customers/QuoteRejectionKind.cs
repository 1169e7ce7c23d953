namespace OrleansPricing.Contracts.Customers;

public enum QuoteRejectionKind
{
    /// <summary>Not a quote this service signed, or altered since (422).</summary>
    Invalid = 0,

    /// <summary>Signed for another customer or SKU, or for fewer units than ordered (422).</summary>
    Mismatch = 1,

    /// <summary>Past its expiry: quote again (422).</summary>
    Expired = 2,

    /// <summary>Already used by another order (409).</summary>
    AlreadyUsed = 3,
}
