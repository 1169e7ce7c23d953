using OrleansPricing.Pricing.Features;

namespace OrleansPricing.UnitTests.Features;

public sealed class FeatureDefinitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Documentation_table_lists_every_feature_in_order()
    {
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "docs", "features.md"))
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && char.IsDigit(line[2]))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .ToList();

        Assert.Equal(FeatureDefinition.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var spec = FeatureDefinition.Features[i];
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[i][1]);
            Assert.Equal(spec.Name, rows[i][2]);
            Assert.Equal(spec.Source, rows[i][3]);
            Assert.Equal(spec.Unit, rows[i][4]);
            Assert.Equal(spec.Transform, rows[i][5]);
        }
    }

    [Fact]
    public void Cold_start_row_has_the_documented_values()
    {
        var customer = CustomerFeatureSnapshot.ColdStart(Now);
        var product = new ProductFacts("SKU", "shoes", 99m, 40m, 60m, 0.3, 10, 0);
        var row = new float[FeatureDefinition.Count];

        FeatureDefinition.Write(row, customer, product, new QuoteContext(QuoteContext.Email, Now), 0.2);

        float[] expected =
        [
            1f, 0f, 0f, 0f, 0f, 0f, (float)Math.Log(2), 0.5f, 1f, (float)Math.Log(100), 0f, 0f, 1f,
            0f, 0f, 0f,
            0.2f, 0.1f, 0.2f, 0f, 0f, 0f,
        ];
        Assert.Equal(expected, row);
    }

    [Fact]
    public void Returning_customer_row_reads_the_snapshot()
    {
        var features = new CustomerFeatures();
        var halfLives = new FeatureHalfLives();
        features.RecordPurchase(Now.AddDays(-29), 50m, 0m, ["shoes"], halfLives, offersRedeemed: 0, modelPriced: false);
        features.Apply(new CustomerEvent("c", CustomerEventType.Cart, "SKU", "shoes", 1, 0, Now), halfLives);
        var customer = features.Snapshot(Now, halfLives);
        var product = new ProductFacts("SKU", "shoes", 100m, 40m, 60m, 0.3, 10, 2.0);
        var row = new float[FeatureDefinition.Count];

        FeatureDefinition.Write(row, customer, product, new QuoteContext(QuoteContext.App, Now), 0.1);

        Assert.Equal((float)(Math.Log(30) / Math.Log(366)), row[0]);
        Assert.Equal((float)Math.Log(1 + Math.Pow(0.5, 29 / 90.0)), row[1]);
        Assert.Equal((float)Math.Log(2), row[4]);
        Assert.Equal(1f, row[5]);
        Assert.Equal((float)Math.Log(1 + 2.0), row[6]);
        Assert.Equal(0f, row[8]);
        Assert.Equal((float)Math.Log(3), row[10]);
        Assert.Equal(1f, row[11]);
        Assert.Equal((float)(0.1 * Math.Log(2)), row[FeatureDefinition.IndexOf("discount_x_cart")]);
    }

    [Fact]
    public void Discounted_purchases_reveal_discount_affinity()
    {
        var features = new CustomerFeatures();
        var halfLives = new FeatureHalfLives();
        features.RecordPurchase(Now.AddDays(-3), 75m, 25m, ["shoes"], halfLives, offersRedeemed: 0, modelPriced: false);
        features.RecordPurchase(Now.AddDays(-2), 100m, 0m, ["shoes"], halfLives, offersRedeemed: 0, modelPriced: false);
        var row = new float[FeatureDefinition.Count];

        FeatureDefinition.Write(row, features.Snapshot(Now, halfLives), new ProductFacts("SKU", "shoes", 100m, 40m, 60m, 0.3, 10, 0), new QuoteContext(QuoteContext.Web, Now), 0.2);

        // One of two purchases was discounted; 25 of the 200 list value bought was given away.
        Assert.Equal(0.5f, row[FeatureDefinition.IndexOf("discounted_purchase_share")]);
        Assert.Equal(0.125f, row[FeatureDefinition.IndexOf("discount_depth")]);
        Assert.Equal(0.1f, row[FeatureDefinition.IndexOf("discount_x_discounted_share")]);
        Assert.Equal(0.025f, row[FeatureDefinition.IndexOf("discount_x_depth")]);
    }

    [Fact]
    public void Row_of_the_wrong_width_is_refused()
    {
        var customer = CustomerFeatureSnapshot.ColdStart(Now);
        var product = new ProductFacts("SKU", "shoes", 99m, 40m, 60m, 0.3, 10, 0);

        Assert.Throws<ArgumentException>(() =>
            FeatureDefinition.Write(new float[3], customer, product, new QuoteContext(QuoteContext.Web, Now), 0));
    }
}
