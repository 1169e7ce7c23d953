using System.Globalization;
using OrleansPricing.Training.Data;

namespace OrleansPricing.Training.Segmentation;

/// <summary>
/// Aggregates an invoice file (one row per invoice: customer, date, amount) into RFM profiles as of the day after the
/// last invoice. Rows without a customer id or with a non-positive amount are skipped (counted); duplicate invoice
/// numbers are counted once.
/// </summary>
public static class InvoiceRfmBuilder
{
    public static (IReadOnlyList<CustomerRfm> Customers, IReadOnlyList<(string Rule, int Count)> Report) Build(
        CsvTable table, string customerColumn, string dateColumn, string amountColumn, string? invoiceColumn)
    {
        int customer = table.ColumnIndex(customerColumn), date = table.ColumnIndex(dateColumn), amount = table.ColumnIndex(amountColumn);
        var invoice = invoiceColumn is null ? -1 : table.ColumnIndex(invoiceColumn);
        var seenInvoices = new HashSet<string>(StringComparer.Ordinal);
        int noCustomer = 0, nonPositive = 0, duplicates = 0;
        var purchases = new List<(string Customer, DateTime Date, double Amount)>();
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            if (invoice >= 0 && !seenInvoices.Add(row[invoice]))
            {
                duplicates++;
                continue;
            }

            if (CampaignLoader.IsMissing(row[customer]))
            {
                noCustomer++;
                continue;
            }

            if (!DateTime.TryParse(row[date], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when))
            {
                throw CsvFormatException.At(table.Source, table.LineNumbers[r], dateColumn, $"'{row[date]}' is not a date.");
            }

            if (!CampaignLoader.TryNumber(row[amount], out var value))
            {
                throw CsvFormatException.At(table.Source, table.LineNumbers[r], amountColumn, $"'{row[amount]}' is not a number.");
            }

            if (value <= 0)
            {
                nonPositive++;
                continue;
            }

            purchases.Add((row[customer].Trim(), when, value));
        }

        if (purchases.Count == 0)
        {
            throw new CsvFormatException($"{table.Source}: no invoice with a customer and a positive amount.");
        }

        var asOf = purchases.Max(p => p.Date).Date.AddDays(1);
        var customers = purchases.GroupBy(p => p.Customer, StringComparer.Ordinal)
            .Select(g => new CustomerRfm(
                g.Key,
                (asOf - g.Max(p => p.Date)).TotalDays,
                g.Count(),
                g.Sum(p => p.Amount),
                g.Average(p => p.Amount),
                (asOf - g.Min(p => p.Date)).TotalDays))
            .OrderBy(c => c.CustomerId, StringComparer.Ordinal)
            .ToList();
        return (customers,
        [
            ("invoice rows read", table.Rows.Count),
            ("duplicate invoice numbers skipped", duplicates),
            ("rows without a customer id skipped", noCustomer),
            ("rows with a non-positive amount skipped", nonPositive),
            ("customers", customers.Count),
        ]);
    }
}
