using OrleansPricing.Training.Segmentation;

namespace OrleansPricing.Training.Commands;

public static class SegmentCommand
{
    public const string Usage = """
        segment --input INVOICES.csv --out DIR [--customer CustomerID] [--date InvoiceDate] [--amount TotalPrice]
                [--invoice InvoiceNo] [--k-min 3] [--k-max 8] [--seed 42]
          k-means customer segmentation on RFM features; k by the Davies–Bouldin index; ONNX export and report.
        """;

    public static int Run(CommandLine args, TextWriter output)
    {
        var options = new SegmentationOptions(
            args.Required("input"), args.Required("out"),
            args.Optional("customer") ?? "CustomerID", args.Optional("date") ?? "InvoiceDate", args.Optional("amount") ?? "TotalPrice",
            args.Optional("invoice") ?? "InvoiceNo",
            (int)args.Number("k-min", 3, 2, 50), (int)args.Number("k-max", 8, 2, 50), (int)args.Number("seed", 42, 0, int.MaxValue));
        args.RejectUnknown();
        if (options.MinK > options.MaxK)
        {
            throw new UsageException("--k-min must not exceed --k-max.");
        }

        new SegmentationExperiment(options, output).Run();
        return 0;
    }
}
