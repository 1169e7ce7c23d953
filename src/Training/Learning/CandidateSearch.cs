using System.Globalization;
using Microsoft.ML;
using OrleansPricing.Training.Data;
using OrleansPricing.Training.Metrics;
using static OrleansPricing.Training.Learning.UpliftPredictions;

namespace OrleansPricing.Training.Learning;

/// <summary>
/// The model search of the uplift experiment: every (meta-learner × learner configuration) scored by k-fold
/// cross-validation on the tuning part; the best configuration per meta-learner and family refit and judged once on the
/// held-out part; an averaging ensemble of the three best.
/// </summary>
public sealed class CandidateSearch(MLContext ml, ExperimentLog log)
{
    public List<CandidateResult> CrossValidate(IReadOnlyList<LearnerSpec> grid, CampaignData train, int[] folds)
    {
        var trainOutcome = train.Outcome.Select(y => y ? 1.0 : 0.0).ToArray();
        var candidates = new List<CandidateResult>();
        var step = 0;
        var steps = grid.Sum(learner => learner.MetaLearners.Count);
        foreach (var learner in grid)
        {
            foreach (var meta in learner.MetaLearners)
            {
                step++;
                var started = log.Elapsed;
                var oof = CrossValidate(meta, learner, train, folds);
                var candidate = new CandidateResult
                {
                    MetaLearner = meta,
                    Learner = learner,
                    Name = $"{meta}-learner {learner.Name}",
                    OutOfFold = oof,
                    CrossValidatedUplift = UpliftMetrics.Compute(Uplift(oof), train.Treated, trainOutcome),
                    CrossValidatedPropensity = Propensity(oof, train, 0.5),
                };
                candidates.Add(candidate);
                log.Write(string.Create(CultureInfo.InvariantCulture,
                    $"[{step}/{steps}] {candidate.Name}: CV Qini {candidate.CrossValidatedUplift.QiniCoefficient:F5}, AUC {candidate.CrossValidatedPropensity.Auc:F3} ({(log.Elapsed - started).TotalSeconds:F1} s)"));
            }
        }

        return candidates;
    }

    /// <summary>Best configuration per (meta-learner, family), refit on all tuning rows and judged once on the test set; then the ensemble.</summary>
    public List<CandidateResult> RefitFinalists(IReadOnlyList<CandidateResult> candidates, CampaignData train, CampaignData test)
    {
        var trainOutcome = train.Outcome.Select(y => y ? 1.0 : 0.0).ToArray();
        var testOutcome = test.Outcome.Select(y => y ? 1.0 : 0.0).ToArray();
        var finalists = candidates
            .GroupBy(c => (c.MetaLearner, c.Learner!.Family))
            .Select(g => g.OrderByDescending(c => c.CrossValidatedUplift.QiniCoefficient).First())
            .OrderByDescending(c => c.CrossValidatedUplift.QiniCoefficient)
            .ToList();
        foreach (var finalist in finalists)
        {
            finalist.Model = Fit(finalist.MetaLearner, finalist.Learner!, train);
            Judge(finalist, train, test, testOutcome);
            log.Write(string.Create(CultureInfo.InvariantCulture,
                $"Refit {finalist.Name}: test Qini {finalist.TestUplift!.QiniCoefficient:F5}, AUUC {finalist.TestUplift.Auuc:F5}, AUC {finalist.TestPropensity!.Auc:F3}"));
        }

        var members = finalists.Take(3).ToList();
        var ensembleOof = Average(members.Select(m => m.OutOfFold).ToList());
        var ensemble = new CandidateResult
        {
            MetaLearner = "ensemble",
            Learner = null,
            Name = $"ensemble: mean of {string.Join(" + ", members.Select(m => m.Name))}",
            OutOfFold = ensembleOof,
            CrossValidatedUplift = UpliftMetrics.Compute(Uplift(ensembleOof), train.Treated, trainOutcome),
            CrossValidatedPropensity = Propensity(ensembleOof, train, 0.5),
            Model = new AveragingEnsemble(members.Select(m => m.Model!).ToList()),
        };
        Judge(ensemble, train, test, testOutcome);
        finalists.Add(ensemble);
        log.Write(string.Create(CultureInfo.InvariantCulture, $"Ensemble: test Qini {ensemble.TestUplift!.QiniCoefficient:F5}"));
        return finalists;
    }

    private (double[] Treated, double[] Control) CrossValidate(string meta, LearnerSpec learner, CampaignData train, int[] folds)
    {
        var treated = new double[train.Count];
        var control = new double[train.Count];
        var foldCount = folds.Max() + 1;
        for (var fold = 0; fold < foldCount; fold++)
        {
            var fitRows = Enumerable.Range(0, train.Count).Where(i => folds[i] != fold).ToList();
            var heldOut = Enumerable.Range(0, train.Count).Where(i => folds[i] == fold).ToList();
            var model = Fit(meta, learner, train.Subset(fitRows));
            var (t, c) = model.Predict(heldOut.Select(i => train.Features[i]).ToList());
            for (var k = 0; k < heldOut.Count; k++)
            {
                treated[heldOut[k]] = t[k];
                control[heldOut[k]] = c[k];
            }
        }

        return (treated, control);
    }

    private IUpliftModel Fit(string meta, LearnerSpec learner, CampaignData rows) => meta switch
    {
        "S" => SLearner.Fit(ml, learner, rows.Features, rows.Treated, rows.Outcome),
        "T" => TLearner.Fit(ml, learner, rows.Features, rows.Treated, rows.Outcome),
        _ => TarNetLearner.Fit(learner, rows.Features, rows.Treated, rows.Outcome, seed: 1),
    };

    public static void Judge(CandidateResult candidate, CampaignData train, CampaignData test, double[] testOutcome)
    {
        var predictions = candidate.Model!.Predict(test.Features);
        candidate.TestPredictions = predictions;
        candidate.TestUplift = UpliftMetrics.Compute(Uplift(predictions), test.Treated, testOutcome);
        var observed = Observed(candidate.OutOfFold, train);
        var threshold = BinaryMetrics.BestF1Threshold(observed, train.Outcome);
        candidate.TestPropensity = Propensity(predictions, test, threshold);
    }
}
