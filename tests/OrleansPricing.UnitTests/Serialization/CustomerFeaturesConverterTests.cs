using OrleansPricing.Grains.Serialization;

namespace OrleansPricing.UnitTests.Serialization;

public class CustomerFeaturesConverterTests
{
    private static readonly CustomerFeaturesConverter Converter = new();

    [Fact]
    public void The_counters_of_offers_and_discounted_purchases_survive_a_round_trip_and_an_older_state_stays_unmarked()
    {
        var kept = Converter.ConvertToSurrogate(Converter.ConvertFromSurrogate(
            new CustomerFeaturesSurrogate { LifetimePurchases = 6, OffersSeen = 4, OffersRedeemed = 2, DiscountedPurchases = 5, DiscountedSpend = 120m }));
        // A state written before the discounted purchases were kept apart: CustomerFeatures reads it (CustomerFeaturesTests).
        var older = Converter.ConvertFromSurrogate(new CustomerFeaturesSurrogate { LifetimePurchases = 6, OffersSeen = 1, OffersRedeemed = 4 });

        Assert.Equal((4, 2, 5, 120m), (kept.OffersSeen, kept.OffersRedeemed, kept.DiscountedPurchases, kept.DiscountedSpend));
        Assert.Equal((1, 4, null, null), (older.OffersSeen, older.OffersRedeemed, older.DiscountedPurchases, older.DiscountedSpend));
    }
}
