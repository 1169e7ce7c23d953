using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Orders;
using OrleansPricing.Contracts.Products;
using OrleansPricing.Grains.Serialization;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Benchmarks.Campaign;

/// <summary>One arrival served through the cluster (quote, the known response decides, order), and the rules every served quote must keep.</summary>
internal static class CampaignArrivals
{
    public static async Task<ArrivalRecord> ServeAsync(
        IGrainFactory grains, IResponseModel truth, string[] customers, Arrival arrival, int index, DateTimeOffset now)
    {
        var customerId = customers[arrival.Customer];
        var customer = grains.GetGrain<ICustomerGrain>(customerId);
        var before = await customer.GetAsync();
        var facts = await Task.WhenAll(arrival.Skus.Select(sku => grains.GetGrain<IProductGrain>(sku).GetPricingFactsAsync()));
        var response = await customer.QuoteAsync(new QuoteRequest(arrival.Skus, arrival.Channel));
        var lines = new List<LineRecord>();
        var orderLines = new List<OrderLineRequest>();
        for (var i = 0; i < arrival.Skus.Count; i++)
        {
            var product = facts[i]!.ToPricing();
            var quote = response.Quotes.Single(q => q.Sku == product.Sku);
            var p = await CampaignScenario.ScoreAsync(truth, before.Features.ToPricing(), product, arrival.Channel, now);
            var level = Array.FindIndex(CampaignScenario.Grid, d => Math.Abs(d - quote.Discount) < 1e-9);
            var bought = arrival.Draws[i] < p[level];
            if (bought)
            {
                orderLines.Add(new OrderLineRequest(product.Sku, 1, quote.Token));
            }

            lines.Add(new LineRecord(product, quote, p, level, bought, quote.Reasons.Contains(DecisionReasons.CampaignHoldout)));
        }

        var status = (OrderStatus?)null;
        if (orderLines.Count > 0)
        {
            status = (await grains.GetGrain<IOrderGrain>($"sim-order-{index:D6}").PlaceAsync(new OrderRequest(customerId, orderLines))).Status;
        }

        return new ArrivalRecord(customerId, now, lines, status);
    }

    public static IEnumerable<string> CheckViolations(ArrivalRecord[] records, CampaignView final, decimal budget)
    {
        if (final.Spent > budget)
        {
            yield return $"spent {final.Spent} exceeds the budget {budget}";
        }

        foreach (var line in records.SelectMany(r => r.Lines))
        {
            if (line.Quote.Price < line.Product.FloorPrice)
            {
                yield return $"{line.Quote.QuoteId}: price {line.Quote.Price} below the floor {line.Product.FloorPrice}";
            }

            if (line.Quote.Discount > CampaignScenario.MaxDiscount + 1e-9 || line.Quote.Discount > line.Product.MaxDiscount + 1e-9)
            {
                yield return $"{line.Quote.QuoteId}: discount {line.Quote.Discount} above the maximum";
            }
        }

        foreach (var group in records.SelectMany(r => r.Lines.Where(l => l.Quote.Campaign is not null && l.Quote.Discount > 0).Select(l => (r.CustomerId, Day: r.At.Date)))
                     .GroupBy(key => key).Where(group => group.Count() > CampaignScenario.OffersPerDay))
        {
            yield return $"{group.Key.CustomerId} got {group.Count()} discounted campaign offers on {group.Key.Day:yyyy-MM-dd} (cap {CampaignScenario.OffersPerDay})";
        }
    }
}
