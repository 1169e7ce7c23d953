namespace OrleansPricing.Contracts.Customers;

/// <summary>A customer's live features, segment and discount state, as of <see cref="CustomerFeaturesView.AsOf"/>.</summary>
[GenerateSerializer, Immutable, Alias("contracts.customer-view")]
public sealed record CustomerView(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] bool Known,
    [property: Id(2)] CustomerSegmentView Segment,
    [property: Id(3)] CustomerFeaturesView Features,
    [property: Id(5)] int DiscountedOffersToday,
    [property: Id(6)] int EventsApplied);
