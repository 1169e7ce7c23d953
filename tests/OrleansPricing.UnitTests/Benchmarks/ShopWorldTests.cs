using OrleansPricing.Benchmarks.Shop;

namespace OrleansPricing.UnitTests.Benchmarks;

public sealed class ShopWorldTests
{
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void A_saturating_kind_approaches_its_lift_and_a_threshold_kind_is_S_shaped()
    {
        var hunter = ShopWorldShape.FourKinds.Kinds.Single(k => k.Name == "bargain-hunter");
        var clipper = ShopWorldShape.Spread.Kinds.Single(k => k.Name == "coupon-clipper");
        var premium = ShopWorldShape.Spread.Kinds.Single(k => k.Name == "premium");

        Assert.Equal(1 + 6.0 * (1 - Math.Exp(-0.05 / 0.10)), hunter.Multiplier(0.05), 12);
        Assert.Equal(1.0, clipper.Multiplier(0), 12);
        var atZero = Sigmoid(-0.15 / 0.03);
        Assert.Equal(1 + 7.0 * (Sigmoid((0.05 - 0.15) / 0.03) - atZero) / (1 - atZero), clipper.Multiplier(0.05), 12);
        Assert.Equal(1 + 7.0 * 0.4 * (0.5 - atZero) / (1 - atZero), clipper.Multiplier(0.15, liftFactor: 0.4), 12);
        // Little below the threshold, most of the lift a few scales above it.
        Assert.True(clipper.Multiplier(0.05) < 1.25 && clipper.Multiplier(0.25) > 7.5);
        Assert.True(premium.Multiplier(0.20) < 1);
    }

    [Fact]
    public void The_first_world_keeps_histories_at_list_price_and_the_second_has_purchases_paid_below_it()
    {
        var now = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
        double DiscountedShare(ShopWorld world, string kind, Random random)
        {
            var purchases = world.Customers.Where(c => c.Kind.Name == kind)
                .SelectMany(c => world.History(c, now, random)).Where(e => e.Type == "purchase").ToList();
            return (double)purchases.Count(e => e.Amount < world.Catalog.Single(p => p.Sku == e.Sku).ListPrice) / purchases.Count;
        }

        var first = ShopWorld.Create(ShopWorldShape.FourKinds, 400, new Random(5));
        var second = ShopWorld.Create(ShopWorldShape.Spread, 400, new Random(5));

        Assert.All(ShopWorldShape.FourKinds.Kinds, kind => Assert.Equal(0.0, DiscountedShare(first, kind.Name, new Random(6))));
        Assert.InRange(DiscountedShare(second, "coupon-clipper", new Random(6)), 0.6, 0.95);
        Assert.InRange(DiscountedShare(second, "premium", new Random(6)), 0.0, 0.1);
        Assert.Equal(60, second.Catalog.Count);
        Assert.Contains(second.Customers, c => c.LiftFactor != 1);
        Assert.All(first.Customers, c => Assert.Equal((1.0, 1.0), (c.BaseFactor, c.LiftFactor)));
    }

    [Fact]
    public void An_answer_weighs_each_kind_by_the_chance_its_member_answered_so()
    {
        // The first world has no spread, so each kind's typical member is the customer with that kind.
        var world = ShopWorld.Create(ShopWorldShape.FourKinds, 50, new Random(3));
        var customer = world.Customers[0];
        var product = world.Facts.Values.First();
        double[] Chances(double discount, bool bought) => [.. world.Kinds.Select(kind =>
            world.Probability(customer with { Kind = kind }, product, discount) is var p && bought ? p : 1 - p)];
        double[] Expected(double[] prior, double[] chances) =>
            [.. prior.Select((w, k) => w * chances[k] / prior.Select((v, j) => v * chances[j]).Sum())];

        var posterior = Enumerable.Repeat(0.25, world.Kinds.Count).ToArray();
        world.UpdateKindPosterior(posterior, customer, product, 0.20, bought: true);
        var afterPurchase = Expected([0.25, 0.25, 0.25, 0.25], Chances(0.20, true));
        Assert.Equal(afterPurchase, posterior, (a, b) => Math.Abs(a - b) < 1e-12);

        world.UpdateKindPosterior(posterior, customer, product, 0, bought: false);
        Assert.Equal(Expected(afterPurchase, Chances(0, false)), posterior, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(1.0, posterior.Sum(), 12);
        // Bought at 20% off: the bargain hunter, whom it moves most, gains on the premium customer, whom it moves least.
        var index = world.Kinds.Select((kind, k) => (kind.Name, k)).ToDictionary(x => x.Name, x => x.k);
        Assert.True(afterPurchase[index["bargain-hunter"]] > afterPurchase[index["premium"]]);
    }

    [Fact]
    public void Shoppers_drawn_by_browsing_come_in_proportion_to_their_kinds_view_rates()
    {
        var world = ShopWorld.Create(ShopWorldShape.FourKinds, 400, new Random(5));
        var random = new Random(9);
        var draws = Enumerable.Range(0, 40_000).Select(_ => world.NextShopper(random)).ToList();

        var weight = world.Customers.Sum(c => c.Kind.Views);
        foreach (var kind in ShopWorldShape.FourKinds.Kinds)
        {
            var expected = world.Customers.Where(c => c.Kind == kind).Sum(c => c.Kind.Views) / weight;
            Assert.InRange(draws.Count(c => c.Kind == kind) / 40_000.0, expected - 0.01, expected + 0.01);
        }

        // Within a kind every customer alike: the first and the last customer of the list are drawn too.
        Assert.Contains(world.Customers[0], draws);
        Assert.Contains(world.Customers[^1], draws);
    }

    [Fact]
    public void Views_at_the_browsing_interval_come_as_fast_as_the_histories_drew_them()
    {
        var world = ShopWorld.Create(ShopWorldShape.Spread, 400, new Random(5));
        var now = new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(9);
        var views = world.Customers.Sum(customer => world.History(customer, now, random).Count(e => e.Type == "view"));

        // The rate is the kinds' means; the histories' Poisson draws of about 3,500 views come within 5% of it.
        Assert.InRange((world.BrowsingInterval * views).TotalDays, 0.95 * ShopWorld.HistoryDays, 1.05 * ShopWorld.HistoryDays);
    }

    [Fact]
    public void A_seed_makes_the_same_world()
    {
        var a = ShopWorld.Create(ShopWorldShape.Spread, 200, new Random(11));
        var b = ShopWorld.Create(ShopWorldShape.Spread, 200, new Random(11));

        Assert.Equal(a.Customers.Select(c => (c.Kind.Name, c.BaseFactor, c.LiftFactor)), b.Customers.Select(c => (c.Kind.Name, c.BaseFactor, c.LiftFactor)));
        Assert.Equal(a.Catalog.Select(p => (p.Sku, p.ListPrice, p.UnitCost)), b.Catalog.Select(p => (p.Sku, p.ListPrice, p.UnitCost)));
    }

    [Fact]
    public void In_the_unmoved_world_no_discount_on_the_grid_pays_for_any_customer_and_product()
    {
        var world = ShopWorld.Create(ShopWorldShape.Unmoved, 400, new Random(5));

        // What the oracle quotes is list price everywhere: every level above it earns less, whoever and whatever.
        Assert.All(world.Customers, customer => Assert.All(world.Facts.Values, product => Assert.All(ShopWorld.Grid.Where(d => d > 0), discount =>
            Assert.True(world.ExpectedProfit(customer, product, discount) < world.ExpectedProfit(customer, product, 0),
                $"{customer.Kind.Name} on {product.Sku} at {discount}"))));
        Assert.Contains(world.Customers, c => c.Kind.Name == "deal-seeker");
    }
}
