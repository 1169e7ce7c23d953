using System.Text.Json.Serialization;
using OrleansPricing.Contracts.Customers;

namespace OrleansPricing.Grains.Quotes;

/// <summary>
/// What a signed quote promises: this customer may buy this SKU at this price until it expires, at most
/// <see cref="MaxUnits"/> units when set (a campaign quote reserved its discount for that many), funded by
/// <see cref="Campaign"/> when it is a campaign quote. The model that priced it is kept for the record, and whether its
/// level was an exploration draw (<see cref="Explored"/>: a purchase on it is the customer's own choice of a random
/// discount, which the discount-affinity features count; false in a token issued before 2026-12-03). The mark is
/// written only when set, so the token of a level a model chose is as long as before it existed: every quote line signs one.
/// </summary>
public sealed record QuoteClaims(
    string QuoteId,
    string CustomerId,
    string Sku,
    decimal ListPrice,
    decimal Price,
    double Discount,
    int? MaxUnits,
    CampaignHold? Campaign,
    string Model,
    DateTimeOffset ExpiresAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Explored = false);
