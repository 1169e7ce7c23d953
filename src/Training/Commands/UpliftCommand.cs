using System.CommandLine;
using OrleansPricing.Training.Data;
using OrleansPricing.Training.Learning;

namespace OrleansPricing.Training.Commands;

public static class UpliftCommand
{
    public static Command Create(TextWriter output)
    {
        var input = Options.Required("--input", "The randomized campaign CSV.");
        var treatment = Options.Required("--treatment", "Column that says which arm a row was in.");
        var control = Options.Required("--control", "Value of --treatment for the control arm.");
        var outcome = Options.Required("--outcome", "Column of the 0/1 outcome (a purchase).");
        var outputDirectory = Options.Required("--out", "Folder for the report, plots, ONNX models and cards.");
        var treated = Options.List("--treated", "Values of --treatment that count as treated (default: every value but --control).");
        var revenue = Options.Optional("--revenue", "Column of the revenue, for revenue and profit policies.");
        var id = Options.Optional("--id", "Column of a customer id; duplicate ids are dropped.");
        var dedupeRows = new Option<bool>("--dedupe-rows") { Description = "Drop rows equal in every field to an earlier one (without it, such rows are kept and counted: different customers can share every attribute)." };
        var exclude = Options.List("--exclude", "Columns that are not features.");
        var categorical = Options.List("--categorical", "Columns read as categories even when their values are numbers (codes).");
        var test = Options.Optional("--test", "A held-out CSV of the same campaign to judge on, instead of an internal stratified fifth.");
        var margin = Options.Number("--margin", 0.5, 0, 1, "Gross margin for the profit policy.");
        var discount = Options.Number("--discount", 0.2, 0, 0.99, "The coupon's discount, for the profit policy.");
        var folds = Options.Whole("--folds", 5, 2, 20, "Cross-validation folds.");
        var seed = Options.Whole("--seed", 42, 0, int.MaxValue, "Random seed.");
        var learners = Options.List("--learners", "Learner families: naive-logistic (the untuned two-model baseline), logistic-l1, logistic-l2, fasttree, lightgbm, deep (default: all).");
        var protectedPath = Options.Optional("--protected", "CSV of protected attributes for the fairness audit.");
        var protectedId = Options.Optional("--protected-id", "Id column joining --protected to --input.");
        var protectedColumns = Options.List("--protected-columns", "Columns of --protected to audit by.");
        var command = new Command("uplift", "Trains S- and T-learners on a randomized campaign, reports uplift and policy metrics, exports ONNX.")
        {
            input, treatment, control, outcome, outputDirectory, treated, revenue, id, dedupeRows, exclude, categorical, test, margin, discount, folds, seed, learners,
            protectedPath, protectedId, protectedColumns,
        };
        command.SetAction(parse => TrainingProgram.Run(output, () =>
        {
            var spec = new CampaignSpec(
                parse.GetValue(treatment)!, parse.GetValue(control)!, parse.GetValue(outcome)!, parse.GetValue(treated),
                parse.GetValue(revenue), parse.GetValue(id), parse.GetValue(exclude), parse.GetValue(dedupeRows), parse.GetValue(categorical));
            new UpliftExperiment(new UpliftOptions(
                parse.GetValue(input)!, spec, parse.GetValue(outputDirectory)!,
                Margin: parse.GetValue(margin), Discount: parse.GetValue(discount), Folds: parse.GetValue(folds), Seed: parse.GetValue(seed),
                Families: parse.GetValue(learners), ProtectedPath: parse.GetValue(protectedPath), ProtectedIdColumn: parse.GetValue(protectedId),
                ProtectedColumns: parse.GetValue(protectedColumns), TestPath: parse.GetValue(test)), output).Run();
        }));
        return command;
    }
}
