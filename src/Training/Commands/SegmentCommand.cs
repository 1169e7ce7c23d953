using System.CommandLine;
using OrleansPricing.Training.Segmentation;

namespace OrleansPricing.Training.Commands;

public static class SegmentCommand
{
    public static Command Create(TextWriter output)
    {
        var input = Options.Required("--input", "The invoices CSV.");
        var outputDirectory = Options.Required("--out", "Folder for the report, plots and the ONNX model.");
        var customer = Options.WithDefault("--customer", "CustomerID", "Column of the customer id.");
        var date = Options.WithDefault("--date", "InvoiceDate", "Column of the invoice date.");
        var amount = Options.WithDefault("--amount", "TotalPrice", "Column of the line amount.");
        var invoice = Options.WithDefault("--invoice", "InvoiceNo", "Column of the invoice number.");
        var minK = Options.Whole("--k-min", 3, 2, 50, "Fewest segments tried.");
        var maxK = Options.Whole("--k-max", 8, 2, 50, "Most segments tried.");
        var seed = Options.Whole("--seed", 42, 0, int.MaxValue, "Random seed.");
        var command = new Command("segment", "k-means customer segmentation on RFM features; k by the Davies–Bouldin index; ONNX export and report.")
        {
            input, outputDirectory, customer, date, amount, invoice, minK, maxK, seed,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(minK) > result.GetValue(maxK))
            {
                result.AddError("--k-min must not exceed --k-max.");
            }
        });
        command.SetAction(parse => TrainingProgram.Run(output, () => new SegmentationExperiment(new SegmentationOptions(
            parse.GetValue(input)!, parse.GetValue(outputDirectory)!, parse.GetValue(customer)!, parse.GetValue(date)!,
            parse.GetValue(amount)!, parse.GetValue(invoice)!, parse.GetValue(minK), parse.GetValue(maxK), parse.GetValue(seed)), output).Run()));
        return command;
    }
}
