using nietras.SeparatedValues;
using OrleansPricing.Benchmarks.Shop;

namespace OrleansPricing.UnitTests.Benchmarks;

public sealed class ShopLineFileTests
{
    [Fact]
    public void Every_line_of_every_round_is_written_with_its_decision_id_kind_and_the_posterior_of_each_kind()
    {
        ShopCustomerKind[] kinds = [new("hunter", 0.5, 0.02, 5, 0.1, 10, 4, 1), new("premium", 0.5, 0.1, 0, 0.1, 4, 1, 3)];
        var posteriors = new Dictionary<string, IReadOnlyList<double>> { ["c-1"] = [0.75, 0.25], ["c-2"] = [0.1, 0.9] };
        var rounds = new[]
        {
            new ShopRound(1, "m1", [new(0, "hunter", "c-1", 6, 9, 2, 4, 1.5, 2.5, 0.15, 0.25, true, 12.5, 4.25, false, 8, 7, false, "q-1", "SKU-1", 0, 0, 0, 1.25)], 1),
            new ShopRound(2, "m2", [new(0, "premium", "c-2", 3, 4, 4, 3.5, 0.5, 0, 0.05, 0, false, 0, 0, true, 4, 3.75, true, "q-2", "SKU-2", 0, 0, 0, 0)], 1),
        };
        var path = Path.Combine(Path.GetTempPath(), $"shop-lines-{Guid.NewGuid():N}.csv");
        try
        {
            ShopLineFile.Write(path, rounds, kinds, posteriors);

            using var reader = Sep.Reader().FromFile(path);
            Assert.Equal(
                ["round", "decision_id", "quote", "customer_id", "kind", "sku", "discount", "oracle_discount", "explored", "shadow_arm", "bought",
                    "served_profit", "oracle_profit", "list_profit", "blanket_profit", "kind_informed_profit", "history_informed_profit",
                    "served_spend", "oracle_spend", "history_informed_spend", "posterior_hunter", "posterior_premium"],
                reader.Header.ColNames);
            var rows = reader.Enumerate(row => row.Span.ToString()).ToList();
            Assert.Equal(
                [
                    "1,q-1,0,c-1,hunter,SKU-1,0.15,0.25,false,false,true,6,9,2,4,8,7,1.5,2.5,1.25,0.75,0.25",
                    "2,q-2,0,c-2,premium,SKU-2,0.05,0,true,true,false,3,4,4,3.5,4,3.75,0.5,0,0,0.1,0.9",
                ],
                rows);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
