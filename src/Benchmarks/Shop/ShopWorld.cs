using OrleansPricing.Client.Requests;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// The simulated shop, all seeded: a catalog, customers of latent kinds with category tastes, their histories, and the
/// true purchase probability p = min(cap, base_kind × spread × taste_category × price factor × discount multiplier_kind)
/// — a product of saturating (or S-shaped) terms, not a logistic model. Three worlds (<see cref="ShopWorldShape"/>): the
/// four kinds the loop was built on, one built apart from it to check that it was not fitted to them, and one drawn to
/// the learning issue's own figures.
/// </summary>
internal sealed class ShopWorld
{
    public static readonly double[] Grid = [0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40];

    public const double MaxCustomerDiscount = 0.40;

    private ShopWorld(ShopWorldShape shape, List<ProductRequest> catalog, List<ShopCustomer> customers)
    {
        Shape = shape;
        Catalog = catalog;
        Customers = customers;
        _customersById = customers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var total = 0.0;
        _browsing = [.. customers.Select(c => total += c.Kind.Views)];
        Facts = catalog.ToDictionary(
            p => p.Sku!, p => new ProductFacts(p.Sku!, p.Category!, p.ListPrice!.Value, p.UnitCost!.Value, p.FloorPrice!.Value, p.MaxDiscount!.Value, p.Inventory!.Value, 0),
            StringComparer.Ordinal);
    }

    public ShopWorldShape Shape { get; }

    public IReadOnlyList<ShopCustomerKind> Kinds => Shape.Kinds;

    public IReadOnlyList<ProductRequest> Catalog { get; }

    public IReadOnlyList<ShopCustomer> Customers { get; }

    private readonly Dictionary<string, ShopCustomer> _customersById;

    public ShopCustomer Customer(string id) => _customersById[id];

    public IReadOnlyDictionary<string, ProductFacts> Facts { get; }

    public static ShopWorld Create(ShopWorldShape shape, int customers, Random random)
    {
        var catalog = Enumerable.Range(0, shape.Products).Select(i =>
        {
            var listPrice = Math.Round(10m + (decimal)random.NextDouble() * 190m, 2);
            return new ProductRequest($"SHOP-{i:D2}", shape.Categories[i % shape.Categories.Count], listPrice,
                Math.Round(listPrice * (decimal)(shape.CostShare.Low + shape.CostShare.Width * random.NextDouble()), 2),
                Math.Round(listPrice * 0.55m, 2), 0.40, 1_000_000);
        }).ToList();
        var people = Enumerable.Range(0, customers).Select(c =>
        {
            var draw = random.NextDouble();
            var kind = shape.Kinds.First(k => (draw -= k.Share) < 0 || k == shape.Kinds[^1]);
            var tastes = shape.Categories.ToDictionary(category => category, _ => shape.Taste.Low + shape.Taste.Width * random.NextDouble(), StringComparer.Ordinal);
            // Drawn only in a world with spread, so the first world's draws (and figures) stay what they were.
            var (baseFactor, liftFactor) = shape.HasSpread
                ? (Math.Exp(shape.BaseSpread * Normal(random)), Math.Exp(shape.LiftSpread * Normal(random)))
                : (1.0, 1.0);
            return new ShopCustomer($"shop-customer-{c:D5}", kind, tastes, baseFactor, liftFactor);
        }).ToList();
        return new ShopWorld(shape, catalog, people);
    }

    /// <summary>The true probability that <paramref name="customer"/> buys <paramref name="product"/> at <paramref name="discount"/>.</summary>
    public double Probability(ShopCustomer customer, ProductFacts product, double discount)
    {
        var priceFactor = Math.Clamp(Math.Pow(Shape.PricePivot / (double)product.ListPrice, Shape.PriceExponent), Shape.PriceFactorRange.Low, Shape.PriceFactorRange.High);
        return Math.Min(Shape.Cap, customer.Kind.Base * customer.BaseFactor * customer.Tastes[product.Category] * priceFactor
            * customer.Kind.Multiplier(discount, customer.LiftFactor));
    }

    /// <summary>
    /// The level a policy that knows the customer's kind and tastes, but not how they stand from their kind (the spread),
    /// would choose: the best by the kind's typical member's expected profit (the spread factors at their means).
    /// </summary>
    public double KindInformedLevel(ShopCustomer customer, ProductFacts product, IEnumerable<double> allowed)
    {
        var typical = Typical(customer, customer.Kind);
        return allowed.MaxBy(d => ExpectedProfit(typical, product, d));
    }

    /// <summary>A member of <paramref name="kind"/> with the customer's tastes and the spread factors at their means.</summary>
    private ShopCustomer Typical(ShopCustomer customer, ShopCustomerKind kind) => customer with
    {
        Kind = kind, BaseFactor = Math.Exp(Shape.BaseSpread * Shape.BaseSpread / 2), LiftFactor = Math.Exp(Shape.LiftSpread * Shape.LiftSpread / 2),
    };

    /// <summary>
    /// The level a policy that knows the customer's tastes and what their history tells of their kind would choose: the
    /// best by expected profit averaged over the kinds' typical members, each weighed by <paramref name="posterior"/>
    /// (<see cref="KindPosterior"/>). Between it and <see cref="KindInformedLevel"/> lies what the history cannot tell.
    /// </summary>
    public double HistoryInformedLevel(ShopCustomer customer, IReadOnlyList<double> posterior, ProductFacts product, IEnumerable<double> allowed)
    {
        var typical = Kinds.Select(kind => Typical(customer, kind)).ToList();
        return allowed.MaxBy(d => typical.Select((member, k) => posterior[k] * ExpectedProfit(member, product, d)).Sum());
    }

    /// <summary>
    /// The probability of each kind (in <see cref="Kinds"/> order) given a customer's <paramref name="history"/> as
    /// <see cref="History"/> draws it: the kinds' shares, times the Poisson chances of the counts of views, cart adds and
    /// purchases, times for each purchase the chance it was paid below list price at its depth (the kind's share of such
    /// purchases and a depth drawn uniformly from 0.6 to 1.4 times the kind's, a cent either side for rounding).
    /// </summary>
    public double[] KindPosterior(IReadOnlyList<EventRequest> history)
    {
        var purchases = history.Where(e => e.Type == "purchase")
            .Select(e => 1 - ((double)e.Amount!.Value / (double)Facts[e.Sku!].ListPrice)).ToList();
        var (views, carts) = (history.Count(e => e.Type == "view"), history.Count(e => e.Type == "cart"));
        var logs = Kinds.Select(kind =>
        {
            var log = Math.Log(kind.Share) + LogPoisson(views, kind.Views) + LogPoisson(carts, kind.CartAdds) + LogPoisson(purchases.Count, kind.Purchases);
            foreach (var depth in purchases)
            {
                var low = (0.6 * kind.DiscountedDepth) - 0.01;
                var high = Math.Min(0.6, 1.4 * kind.DiscountedDepth) + 0.01;
                log += depth < 0.005 ? Math.Log(1 - kind.DiscountedShare)
                    : kind.DiscountedShare > 0 && depth >= low && depth <= high ? Math.Log(kind.DiscountedShare / (high - low))
                    : double.NegativeInfinity;
            }

            return log;
        }).ToList();
        var top = logs.Max();
        var weights = logs.Select(log => Math.Exp(log - top)).ToList();
        var total = weights.Sum();
        return [.. weights.Select(w => w / total)];

        static double LogPoisson(int count, double mean) =>
            (count * Math.Log(mean)) - mean - Enumerable.Range(1, count).Sum(i => Math.Log(i));
    }

    /// <summary>
    /// <paramref name="posterior"/> (each kind's probability, <see cref="Kinds"/> order) updated in place by one answer of
    /// the customer to a quote: each kind weighed by the chance that its typical member with the customer's tastes would
    /// have answered so. With <see cref="KindPosterior"/> as the prior, what the history and the answers together tell of
    /// the kind by the truth's own likelihoods — the most a learner could read from both.
    /// </summary>
    public void UpdateKindPosterior(Span<double> posterior, ShopCustomer customer, ProductFacts product, double discount, bool bought)
    {
        double total = 0;
        for (var k = 0; k < Kinds.Count; k++)
        {
            // In (0, Cap]: every kind's base is positive, its lift above −1 and the cap below 1, so no answer rules a kind out.
            var probability = Probability(Typical(customer, Kinds[k]), product, discount);
            posterior[k] *= bought ? probability : 1 - probability;
            total += posterior[k];
        }

        for (var k = 0; k < Kinds.Count; k++)
        {
            posterior[k] /= total;
        }
    }

    /// <summary>The true expected profit of quoting <paramref name="product"/> to <paramref name="customer"/> at <paramref name="discount"/>.</summary>
    public double ExpectedProfit(ShopCustomer customer, ProductFacts product, double discount) =>
        Probability(customer, product, discount) * (double)(DiscountOptimizer.PriceAt(product.ListPrice, discount) - product.UnitCost);

    /// <summary>The true expected sales (revenue) of quoting <paramref name="product"/> to <paramref name="customer"/> at <paramref name="discount"/>.</summary>
    public double ExpectedSales(ShopCustomer customer, ProductFacts product, double discount) =>
        Probability(customer, product, discount) * (double)DiscountOptimizer.PriceAt(product.ListPrice, discount);

    /// <summary>What an exploration draw gave up by the truth: the expected profit at the level it replaced less that of the line served.</summary>
    public double ExplorationCost(ShopLine line, double replaced) =>
        ExpectedProfit(Customer(line.CustomerId), Facts[line.Sku], replaced) - line.Served;

    /// <summary>The index of the <see cref="Grid"/> level nearest <paramref name="discount"/> (0: list price).</summary>
    public static int LevelOf(double discount) =>
        Enumerable.Range(0, Grid.Length).MinBy(level => Math.Abs(Grid[level] - discount));

    /// <summary>The levels the service may quote: the product's maximum and floor, and the customer maximum (the rule the policy applies).</summary>
    public static IEnumerable<int> AllowedLevels(ProductFacts product) =>
        Enumerable.Range(0, Grid.Length).Where(g =>
            DiscountOptimizer.LimitOf(product, Grid[g], DiscountOptimizer.PriceAt(product.ListPrice, Grid[g]), MaxCustomerDiscount) == LevelLimit.None);

    /// <summary>History events over the <see cref="HistoryDays"/> days before <paramref name="now"/>, drawn from the customer's kind and tastes.</summary>
    public List<EventRequest> History(ShopCustomer customer, DateTimeOffset now, Random random)
    {
        var events = new List<EventRequest>();
        void Add(string type, int count)
        {
            for (var e = 0; e < count; e++)
            {
                var product = PickProduct(customer, random);
                events.Add(new EventRequest($"{customer.Id}-{type}-{e}", customer.Id, type, product.Sku, 1,
                    type == "purchase" ? product.ListPrice : null, now.AddMinutes(-1 - random.Next(HistoryDays * 24 * 60))));
            }
        }

        Add("view", Poisson(customer.Kind.Views, random));
        Add("cart", Poisson(customer.Kind.CartAdds, random));
        Add("purchase", Poisson(customer.Kind.Purchases, random));
        if (customer.Kind.DiscountedShare > 0)
        {
            // Some purchases were paid below list price: the amount says so, as a shop's order history would.
            for (var e = 0; e < events.Count; e++)
            {
                if (events[e].Type == "purchase" && random.NextDouble() < customer.Kind.DiscountedShare)
                {
                    var depth = Math.Min(0.6, customer.Kind.DiscountedDepth * (0.6 + 0.8 * random.NextDouble()));
                    events[e] = events[e] with { Amount = Math.Round(events[e].Amount!.Value * (decimal)(1 - depth), 2) };
                }
            }
        }

        return events;
    }

    /// <summary>
    /// A customer drawn in proportion to how often their kind views products: who asks for prices in a shop whose product
    /// pages ask them, where a bargain hunter who browses four times as much asks four times as often.
    /// </summary>
    public ShopCustomer NextShopper(Random random)
    {
        var draw = random.NextDouble() * _browsing[^1];
        var index = Array.BinarySearch(_browsing, draw);
        return Customers[Math.Min(Customers.Count - 1, index < 0 ? ~index : index + 1)];
    }

    /// <summary>Running totals of the customers' kinds' view rates, in <see cref="Customers"/>' order, for <see cref="NextShopper"/>.</summary>
    private readonly double[] _browsing;

    /// <summary>
    /// The business time between two product views in the whole shop at the customers' kinds' view rates (their histories
    /// draw that many views over <see cref="HistoryDays"/>): a storefront whose product pages ask the prices, paced at it,
    /// reports views as fast as the customers browse.
    /// </summary>
    public TimeSpan BrowsingInterval => TimeSpan.FromDays(HistoryDays) / _browsing[^1];

    /// <summary>How far back <see cref="History"/> draws a customer's events; the kinds' rates are per this span.</summary>
    public const int HistoryDays = 30;

    /// <summary>A product drawn with probability proportional to the customer's taste for its category.</summary>
    public ProductFacts PickProduct(ShopCustomer customer, Random random)
    {
        var total = Catalog.Sum(p => customer.Tastes[p.Category!]);
        var draw = random.NextDouble() * total;
        foreach (var product in Catalog)
        {
            if ((draw -= customer.Tastes[product.Category!]) < 0)
            {
                return Facts[product.Sku!];
            }
        }

        return Facts[Catalog[^1].Sku!];
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int Poisson(double mean, Random random)
    {
        var limit = Math.Exp(-mean);
        var count = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble())
        {
            count++;
        }

        return count;
    }
}
