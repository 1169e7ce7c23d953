using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansPricing.Grains.Customers;
using OrleansPricing.Pricing.Features;

namespace OrleansPricing.UnitTests.Serialization;

/// <summary>
/// The customer state through the serializer the silo's grain storage uses by default (Orleans registers
/// <see cref="JsonGrainStorageSerializer"/>, Newtonsoft.Json, as the unkeyed <see cref="IGrainStorageSerializer"/>), so that a
/// state written before a property existed reads as it will in Azure Table storage.
/// </summary>
public sealed partial class CustomerStateStorageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static IGrainStorageSerializer Serializer()
    {
        var services = new ServiceCollection();
        services.AddSerializer();
        services.AddOptions<OrleansJsonSerializerOptions>();
        services.AddSingleton<OrleansJsonSerializer>();
        services.AddSingleton<IGrainStorageSerializer, JsonGrainStorageSerializer>();
        return services.BuildServiceProvider().GetRequiredService<IGrainStorageSerializer>();
    }

    [GeneratedRegex("\"DiscountedPurchases\":\\s*\\d+,?")]
    private static partial Regex DiscountedPurchasesProperty();

    [Fact]
    public void A_stored_state_without_discounted_purchases_reads_its_redeemed_offers_as_them()
    {
        var serializer = Serializer();
        var state = new CustomerState();
        state.Features.RecordOffersShown(1);
        state.Features.RecordPurchase(T0, 45m, 5m, ["shoes"], new FeatureHalfLives(), offersRedeemed: 1);
        state.Features.RecordPurchase(T0, 30m, 3m, ["shoes"], new FeatureHalfLives(), offersRedeemed: 0);
        var json = serializer.Serialize(state).ToString();
        Assert.Matches(DiscountedPurchasesProperty(), json);

        var kept = serializer.Deserialize<CustomerState>(BinaryData.FromString(json))!.Features.Snapshot(T0, new FeatureHalfLives());
        // What a silo of the schema before wrote: no such property, every discounted purchase counted as a redeemed offer.
        var older = DiscountedPurchasesProperty().Replace(json, "").Replace("\"OffersRedeemed\":1", "\"OffersRedeemed\":2", StringComparison.Ordinal);
        var read = serializer.Deserialize<CustomerState>(BinaryData.FromString(older))!.Features;

        Assert.Equal((1, 1, 2), (kept.OffersSeen, kept.OffersRedeemed, kept.DiscountedPurchases));
        Assert.Null(read.DiscountedPurchases);
        var snapshot = read.Snapshot(T0, new FeatureHalfLives());
        Assert.Equal((1, 1, 2), (snapshot.OffersSeen, snapshot.OffersRedeemed, snapshot.DiscountedPurchases));
    }

    [Fact]
    public void What_a_quote_writes_stays_small_while_the_customer_state_grows_with_its_history()
    {
        var serializer = Serializer();
        var state = new CustomerState();
        for (var e = 0; e < 1000; e++)
        {
            state.AppliedEvents.Admit($"shop-event-{e:D6}", T0.AddMinutes(e), TimeSpan.FromDays(30));
        }

        var counters = new QuoteCounters { OffersDay = DateOnly.FromDateTime(T0.UtcDateTime), DiscountedOffersToday = 5, QuotingActivations = 120, OffersSeen = 4000 };
        counters.CampaignOffersToday["black-friday-2026"] = 3;
        (counters.DiscountedOffersHeld, counters.CampaignOffersHeld["black-friday-2026"]) = (3, 2);

        var (stateBytes, counterBytes) = (serializer.Serialize(state).ToArray().Length, serializer.Serialize(counters).ToArray().Length);
        // 2026-12-01: 49,508 and 394 bytes; 647 with the offers held ahead (eighteenth session). The counters' row holds no
        // list that grows with the customer's history (a campaign's entries go when the day turns).
        Assert.InRange(counterBytes, 1, 1024);
        Assert.InRange(stateBytes, 45_000, 60_000);
    }
}
