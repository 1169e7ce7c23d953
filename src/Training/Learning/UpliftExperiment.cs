using OrleansPricing.Training.Data;
using Microsoft.ML;

namespace OrleansPricing.Training.Learning;

/// <summary>
/// Trains and judges discount-response models on a randomized campaign, one step per type: a stratified held-out test
/// set; the model search (<see cref="CandidateSearch"/>: k-fold cross-validated grid of S- and T-learners × logistic
/// L1/L2, FastTree, LightGBM, selected by out-of-fold Qini, and an averaging ensemble); targeting policies
/// (<see cref="PolicyEvaluation"/>); ONNX export of the best S-learner with a parity check (<see cref="ServingModelExport"/>);
/// a fairness audit (<see cref="FairnessAudit"/>); the report (<see cref="UpliftReport"/>).
/// </summary>
public sealed class UpliftExperiment(UpliftOptions options, TextWriter output)
{
    public UpliftSummary Run()
    {
        var log = new ExperimentLog(output);
        var ml = new MLContext(seed: options.Seed);
        Directory.CreateDirectory(options.OutputDirectory);
        var data = CampaignLoader.Load(options.InputPath, options.Spec);
        log.Write($"Loaded {data.Count} rows, {data.Columns.Count} features ({data.Treated.Count(t => t)} treated, {data.Treated.Count(t => !t)} control).");

        // Hold out one stratified fifth for the final judgement (or judge on an external file); everything else is for tuning.
        CampaignData train, test;
        if (options.TestPath is null)
        {
            var split = Folds.Assign(data.Treated, data.Outcome, 5, options.Seed);
            train = data.Subset(Enumerable.Range(0, data.Count).Where(i => split[i] != 0).ToList());
            test = data.Subset(Enumerable.Range(0, data.Count).Where(i => split[i] == 0).ToList());
        }
        else
        {
            train = data;
            test = CampaignLoader.Load(options.TestPath, options.Spec, data.Columns);
            log.Write($"Judging on {options.TestPath}: {test.Count} rows, cleaned with the columns fitted on the training file.");
        }

        var search = new CandidateSearch(ml, log);
        var candidates = search.CrossValidate(
            LearnerSpec.Grid(options.Families ?? LearnerSpec.AllFamilies), train, Folds.Assign(train.Treated, train.Outcome, options.Folds, options.Seed + 1));
        var finalists = search.RefitFinalists(candidates, train, test);

        // The policy model is the best by cross-validated Qini; each objective's targeting share maximizes its out-of-fold value.
        var policyModel = finalists.OrderByDescending(c => c.CrossValidatedUplift.QiniCoefficient).First();
        var policies = new PolicyEvaluation(options, log);
        var propensity = train.Treated.Average(t => t ? 1.0 : 0.0);
        var profitPolicy = policies.Compare("profit", policyModel, train, test, policies.Profit(train), policies.Profit(test), propensity);
        var revenuePolicy = policies.Compare("revenue", policyModel, train, test, train.Revenue, test.Revenue, propensity);

        var serving = finalists.Where(c => c.MetaLearner == "S").OrderByDescending(c => c.CrossValidatedUplift.QiniCoefficient).First();
        var export = new ServingModelExport(ml, options, log);
        var parity = export.Export((SLearner)serving.Model!, serving, data, train, test);
        var importance = export.PermutationImportance((SLearner)serving.Model!, test);
        var fairness = new FairnessAudit(options).Audit(policyModel.Model!, data,
            [($"profit policy (top {profitPolicy.Fraction:P0})", profitPolicy.Fraction),
             ($"revenue policy (top {revenuePolicy.Fraction:P0})", revenuePolicy.Fraction),
             ("top 30% by predicted uplift", 0.3)]);

        var modelDirectory = Path.Combine(options.OutputDirectory, "model");
        UpliftModelPackage.Save(modelDirectory, finalists, policyModel.Name, train, TargetingEconomics.Of(train, options.Margin, options.Discount));
        log.Write($"Saved the {finalists.Count} refit learners to {modelDirectory} (selected: {policyModel.Name}); apply one with `score --model {modelDirectory}`.");

        var summary = new UpliftSummary(data, train, test, candidates, finalists, policyModel.Name, [profitPolicy, revenuePolicy], parity, importance, fairness,
            log.Elapsed);
        new UpliftReport(options).Write(summary, serving);
        log.Write($"Done in {log.Elapsed.TotalSeconds:F1} s; report at {Path.Combine(options.OutputDirectory, "report.md")}");
        return summary;
    }
}
