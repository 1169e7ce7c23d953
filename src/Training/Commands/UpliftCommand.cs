using OrleansPricing.Training.Data;
using OrleansPricing.Training.Learning;

namespace OrleansPricing.Training.Commands;

public static class UpliftCommand
{
    public const string Usage = """
        uplift --input FILE.csv --treatment COLUMN --control VALUE --outcome COLUMN --out DIR
               [--treated VALUE,...] [--revenue COLUMN] [--id COLUMN] [--exclude COLUMN,...]
               [--margin 0.5] [--discount 0.2] [--folds 5] [--seed 42] [--learners logistic-l1,logistic-l2,fasttree,lightgbm]
               [--protected FILE.csv --protected-columns COLUMN,...]
          Trains S- and T-learners on a randomized campaign, reports uplift and policy metrics, exports ONNX.
        """;

    public static int Run(CommandLine args, TextWriter output)
    {
        var spec = new CampaignSpec(
            args.Required("treatment"), args.Required("control"), args.Required("outcome"),
            args.List("treated"), args.Optional("revenue"), args.Optional("id"), args.List("exclude"));
        var options = new UpliftOptions(
            args.Required("input"), spec, args.Required("out"),
            Margin: args.Number("margin", 0.5, 0, 1),
            Discount: args.Number("discount", 0.2, 0, 0.99),
            Folds: (int)args.Number("folds", 5, 2, 20),
            Seed: (int)args.Number("seed", 42, 0, int.MaxValue),
            Families: args.List("learners"),
            ProtectedPath: args.Optional("protected"),
            ProtectedIdColumn: args.Optional("protected-id"),
            ProtectedColumns: args.List("protected-columns"));
        args.RejectUnknown();
        new UpliftExperiment(options, output).Run();
        return 0;
    }
}
