using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.Policy;

/// <summary>One SKU to price: its facts, the id its quote will carry (budget is reserved under it), and the campaign that covers it, if any.</summary>
public sealed record QuoteLine(ProductFacts Product, string QuoteId, CampaignOffer? Campaign = null);
