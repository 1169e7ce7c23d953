using OrleansPricing.Client.Requests;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Benchmarks.Shop;

/// <summary>
/// The simulated shop, all seeded: a catalog in five categories, customers of latent kinds with category tastes, their
/// histories, and the true purchase probability p = min(0.9, base_kind × taste_category × price factor × discount
/// multiplier_kind) — a product of saturating terms, not a logistic model.
/// </summary>
internal sealed class ShopWorld
{
    public static readonly string[] Categories = ["shop-home", "shop-garden", "shop-toys", "shop-tools", "shop-sport"];

    public static readonly double[] Grid = [0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40];

    public const double MaxCustomerDiscount = 0.40;

    private ShopWorld(List<ProductRequest> catalog, List<ShopCustomer> customers)
    {
        Catalog = catalog;
        Customers = customers;
        Facts = catalog.ToDictionary(
            p => p.Sku!, p => new ProductFacts(p.Sku!, p.Category!, p.ListPrice!.Value, p.UnitCost!.Value, p.FloorPrice!.Value, p.MaxDiscount!.Value, p.Inventory!.Value, 0),
            StringComparer.Ordinal);
    }

    public IReadOnlyList<ProductRequest> Catalog { get; }

    public IReadOnlyList<ShopCustomer> Customers { get; }

    public IReadOnlyDictionary<string, ProductFacts> Facts { get; }

    public static ShopWorld Create(int customers, Random random)
    {
        var catalog = Enumerable.Range(0, 40).Select(i =>
        {
            var listPrice = Math.Round(10m + (decimal)random.NextDouble() * 190m, 2);
            return new ProductRequest($"SHOP-{i:D2}", Categories[i % Categories.Length], listPrice,
                Math.Round(listPrice * (decimal)(0.35 + 0.3 * random.NextDouble()), 2), Math.Round(listPrice * 0.55m, 2), 0.40, 1_000_000);
        }).ToList();
        var people = Enumerable.Range(0, customers).Select(c =>
        {
            var draw = random.NextDouble();
            var kind = ShopCustomerKind.All.First(k => (draw -= k.Share) < 0 || k == ShopCustomerKind.All[^1]);
            var tastes = Categories.ToDictionary(category => category, _ => 0.3 + 1.4 * random.NextDouble(), StringComparer.Ordinal);
            return new ShopCustomer($"shop-customer-{c:D5}", kind, tastes);
        }).ToList();
        return new ShopWorld(catalog, people);
    }

    /// <summary>The true probability that <paramref name="customer"/> buys <paramref name="product"/> at <paramref name="discount"/>.</summary>
    public static double Probability(ShopCustomer customer, ProductFacts product, double discount)
    {
        var priceFactor = Math.Clamp(Math.Pow(60 / (double)product.ListPrice, 0.25), 0.6, 1.6);
        return Math.Min(0.9, customer.Kind.Base * customer.Tastes[product.Category] * priceFactor * customer.Kind.Multiplier(discount));
    }

    /// <summary>The true expected profit of quoting <paramref name="product"/> to <paramref name="customer"/> at <paramref name="discount"/>.</summary>
    public static double ExpectedProfit(ShopCustomer customer, ProductFacts product, double discount) =>
        Probability(customer, product, discount) * (double)(DiscountOptimizer.PriceAt(product.ListPrice, discount) - product.UnitCost);

    /// <summary>The levels the service may quote: the product's maximum and floor, and the customer maximum (the rule the policy applies).</summary>
    public static IEnumerable<int> AllowedLevels(ProductFacts product) =>
        Enumerable.Range(0, Grid.Length).Where(g =>
            DiscountOptimizer.LimitOf(product, Grid[g], DiscountOptimizer.PriceAt(product.ListPrice, Grid[g]), MaxCustomerDiscount) == LevelLimit.None);

    /// <summary>History events over the 30 days before <paramref name="now"/>, drawn from the customer's kind and tastes.</summary>
    public List<EventRequest> History(ShopCustomer customer, DateTimeOffset now, Random random)
    {
        var events = new List<EventRequest>();
        void Add(string type, int count)
        {
            for (var e = 0; e < count; e++)
            {
                var product = PickProduct(customer, random);
                events.Add(new EventRequest($"{customer.Id}-{type}-{e}", customer.Id, type, product.Sku, 1,
                    type == "purchase" ? product.ListPrice : null, now.AddMinutes(-1 - random.Next(30 * 24 * 60))));
            }
        }

        Add("view", Poisson(customer.Kind.Views, random));
        Add("cart", Poisson(customer.Kind.CartAdds, random));
        Add("purchase", Poisson(customer.Kind.Purchases, random));
        return events;
    }

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
