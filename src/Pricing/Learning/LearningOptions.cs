using System.ComponentModel.DataAnnotations;
using OrleansPricing.Pricing.Models;

namespace OrleansPricing.Pricing.Learning;

/// <summary>How the cluster learns from its decision log and when it promotes. Bound from configuration section <c>Learning</c>.</summary>
public sealed class LearningOptions : IValidatableObject
{
    public const string SectionName = "Learning";

    /// <summary>Run a training run this often (and on demand through the admin API); zero or less: only on demand.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// When the first scheduled run after the learning grain activates is due: an <see cref="Interval"/> after the last
    /// run began (none: after activation), but not sooner than a minute (or the interval, if shorter) after activation,
    /// so that a starting silo is not loaded with a run at once. Why not simply an interval after activation: the grain
    /// moves to another silo when its silo stops, and a cluster whose silos restart more often than the interval (rolling
    /// deployments) would never learn.
    /// </summary>
    public TimeSpan FirstRunIn(DateTimeOffset? lastStarted, DateTimeOffset now)
    {
        var soonest = Interval < TimeSpan.FromMinutes(1) ? Interval : TimeSpan.FromMinutes(1);
        var due = lastStarted is { } last ? last + Interval - now : Interval;
        return due < soonest ? soonest : due > Interval ? Interval : due;
    }

    /// <summary>
    /// A scheduled run trains only when at least this many decisions were logged since the last completed run began; otherwise it
    /// is skipped (logged, and counted as "skipped" in <c>pricing_learning_runs_total</c>). 0: every scheduled run trains.
    /// A run asked for through the admin API always trains. Why: a run on the decisions the last one had judges new
    /// candidates (other seeds) on the same held-out decisions, so over a quiet night every hour gives a candidate one more
    /// chance to pass the promotion bound by luck, and each run takes a core for a minute.
    /// </summary>
    public int MinNewDecisions { get; set; } = 100;

    /// <summary>Whether a scheduled run trains, given the decisions logged since the last completed run began (<see cref="MinNewDecisions"/>).</summary>
    public bool ScheduledRunTrains(int newDecisions) => newDecisions >= MinNewDecisions;

    /// <summary>The most recent share of labelled decisions held out to judge candidates against the active model.</summary>
    public double HoldoutFraction { get; set; } = 0.25;

    /// <summary>
    /// A run reads the decisions of this long before it, no older: customers and the policies that logged them change.
    /// A busy shop's runs stop at <see cref="MaxDecisions"/> well inside it (the newest hours are read first, the older
    /// ones skipped unread), so the window binds only a shop with fewer decisions than that: 60 days (14 until 2026-12-06)
    /// gave such a shop's runs 1.7 points more of the oracle's lift in round 4 over 81 paired simulations (docs/learning.md,
    /// "A storefront at a shop's pace").
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(60);

    /// <summary>
    /// A run learns from at most this many labelled decisions, the newest: the learning benchmark's 100,000 take about a
    /// minute on 2 cores (README), and the time grows with the count.
    /// </summary>
    public int MaxDecisions { get; set; } = 100_000;

    /// <summary>
    /// How many of the ensemble's models a run trains at once, each on one thread (0: half the machine's cores, at least
    /// one). Why not every core: the silo that hosts the learning grain prices quotes too, and a run on 100,000 decisions
    /// holds its threads for about a minute.
    /// </summary>
    public int TrainingThreads { get; set; }

    /// <summary><see cref="TrainingThreads"/>, its default resolved for this machine.</summary>
    public int TrainingParallelism => TrainingThreads > 0 ? TrainingThreads : Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// How long a run may wait for the quotes of the decisions made before it to expire (their outcome is known only
    /// then): a run asked for right after a round of quotes would otherwise learn from none of them.
    /// </summary>
    public TimeSpan LabelWait { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A run with fewer labelled decisions trains nothing and says so.</summary>
    public int MinDecisions { get; set; } = 500;

    /// <summary>Importance weights 1/propensity are clipped here when judging policies (bias for variance).</summary>
    public double MaxImportanceWeight { get; set; } = 50;

    /// <summary>
    /// Importance weights 1/propensity are clipped here when training; the default 1 trains unweighted. An outcome model
    /// conditions on the discount and on every input the logging policy used, so weights only rebalance it at the cost of
    /// variance: judged by the true response of the shop simulation, candidates trained unweighted captured more of the
    /// oracle's lift than at 5 or 20 (docs/learning.md).
    /// </summary>
    public double MaxTrainingWeight { get; set; } = 1;

    /// <summary>
    /// Widths of the response network's hidden layers, first to last. The default (128, 64: about 11,000 parameters)
    /// keeps a run on 100,000 decisions within minutes on 2 cores; e.g. 512, 512 (about 280,000) for a GPU-served model.
    /// </summary>
    public int[] NetworkLayers { get; set; } = [.. NetworkShape.Default.Layers];

    /// <summary>Width of the response network's channel embedding.</summary>
    public int NetworkEmbedding { get; set; } = NetworkShape.Default.EmbeddingWidth;

    public NetworkShape Network => new(NetworkLayers, NetworkEmbedding);

    /// <summary>L2 penalty of the logistic candidate, per unit of training weight up to <see cref="PenaltyDecisions"/> decisions.</summary>
    public double L2 { get; set; } = 1e-3;

    /// <summary>
    /// Beyond this many training decisions the logistic candidate's L2 penalty stops growing with the log (a prior of fixed
    /// strength, <see cref="PenaltyFor"/>); 0 (default): it grows with every decision. Why one might: a penalty that grows
    /// with the log shrinks every customer's response toward the average one however much the log says, which hands
    /// customers a discount does not move the first level and the most responsive less than their depth. At 5,000,
    /// through the shop simulation's loop over eighteen seeds a world: steep +3.0 points, the first world −0.9, the second
    /// −1.4, and the independent sensitivity world −2.7 over six seeds (docs/learning.md) — so not the default.
    /// </summary>
    public int PenaltyDecisions { get; set; }

    /// <summary>The L2 penalty per unit of training weight for a fit on <paramref name="decisions"/> decisions: <see cref="L2"/>, scaled down past <see cref="PenaltyDecisions"/>.</summary>
    public double PenaltyFor(int decisions) =>
        PenaltyDecisions > 0 && decisions > PenaltyDecisions ? L2 * PenaltyDecisions / decisions : L2;

    /// <summary>
    /// Promotion: the candidate's doubly robust profit per decision must beat the active model's with this confidence
    /// (one-sided, paired bootstrap over held-out decisions) ... 90% since 2026-12-01 (95% before): on the shop
    /// simulation's three worlds every world's round-4 mean rose and fewer runs spent above the oracle's (the figures:
    /// docs/learning.md, "Promotion at 90% confidence instead of 95%").
    /// </summary>
    public double PromotionConfidence { get; set; } = 0.90;

    /// <summary>
    /// The same confidence while the active version is not one the learning service learned (the hand-set prior, an
    /// upload; null: <see cref="PromotionConfidence"/>). The prior knows nothing of the shop (as its own exploration rate,
    /// <c>Pricing:ExplorationRate</c>, says too), and a candidate estimated better than it but not shown so at 90% left it
    /// pricing every round on 2 of 54 shop-simulation runs and on 1 of 6 of the independent simulator's; at 80% two of
    /// the three promoted (docs/learning.md, "Less confidence asked against the prior").
    /// </summary>
    public double? PriorPromotionConfidence { get; set; } = 0.80;

    /// <summary>The confidence a candidate must be shown better with against <paramref name="activeVersion"/>.</summary>
    public double PromotionConfidenceAgainst(string? activeVersion) =>
        activeVersion is not null && LearnedVersions.IsLearned(activeVersion) ? PromotionConfidence : PriorPromotionConfidence ?? PromotionConfidence;

    /// <summary>
    /// A shadow the cluster learned, promoted by its trial, is served learned again from every labelled decision (the same
    /// kind and settings) instead of as it was: the trial judged how that kind learns this shop, on the decisions before
    /// the trial, as the held-out decisions judge a new candidate that is then served learned from all of them too. Off,
    /// the shadow is served as it was and the run's best new candidate goes on trial against it. Measured on the shop
    /// simulation: docs/learning.md, "A promoted shadow learned again from every decision".
    /// </summary>
    public bool RefreshPromotedShadow { get; set; } = true;

    /// <summary>
    /// An active version the cluster learned is served learned again from every labelled decision (its kind and settings,
    /// as a new version) when the run promotes nothing and its new candidate of that same kind, trained on the older
    /// decisions, is not shown worse than it — the upper bound of their paired difference at the promotion confidence is
    /// above 0. Why: a promotion judged how that kind learns this shop, as the refit of a promoted shadow's kind assumes
    /// (<see cref="RefreshPromotedShadow"/>); without the refresh the kind's newer decisions reached the customers only
    /// through a trial of half the quotes, or not at all while no candidate was shown better, and the version served went
    /// on meeting customers it had not seen. The guard keeps a log gone bad (the shuffled labels) from being
    /// served: its candidate is shown worse. Off: such a candidate goes on trial as any other. Measured on the shop
    /// simulation: docs/learning.md, "The active kind learned again at every run". When the run weighed a new candidate of
    /// another kind, the active kind is refreshed by the same rule (its own new candidate not shown worse) and the
    /// weighed candidate, learned from every decision, goes on trial against the refreshed version, not against one that
    /// has not seen the newest decisions (docs/learning.md, "The active kind refreshed when another kind is weighed").
    /// </summary>
    public bool RefreshActive { get; set; } = true;

    /// <summary>... on at least this effective sample size of held-out decisions that agree with the candidate.</summary>
    public double MinEffectiveSampleSize { get; set; } = 50;

    /// <summary>Bootstrap resamples for the confidence interval (seeded per run).</summary>
    public int BootstrapResamples { get; set; } = 300;

    /// <summary>
    /// Optional fairness bound: a candidate whose mean offered discount differs between customer segments by more than this
    /// (absolute, e.g. 0.10 = ten points) is not promoted. Null: reported only.
    /// </summary>
    public double? MaxSegmentDiscountGap { get; set; }

    /// <summary>
    /// A CSV of protected attributes the shop registers for some customers (an id column and one column per attribute,
    /// e.g. Artea's demographics file); every run then reports mean discount and conversion by group. Never model inputs.
    /// </summary>
    public string? ProtectedAttributesPath { get; set; }

    /// <summary>The customer id column of <see cref="ProtectedAttributesPath"/>.</summary>
    public string ProtectedIdColumn { get; set; } = "id";

    /// <summary>Optional bound, like <see cref="MaxSegmentDiscountGap"/>, on the gap between the groups of any registered attribute.</summary>
    public double? MaxGroupDiscountGap { get; set; }

    /// <summary>
    /// The held-out decisions a segment or group needs for the disparity bounds to judge it; smaller ones are reported only.
    /// Why: a group of a few decisions has a mean discount of whatever those few were quoted (with an attribute of many
    /// values, some group nearly always sits at each end of the grid), so a bound over every group blocked every candidate.
    /// </summary>
    public int MinFairnessGroupDecisions { get; set; } = 50;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (NetworkLayers is null || NetworkLayers.Length is < 1 or > 8 || NetworkLayers.Any(width => width is < 1 or > 4096))
        {
            yield return new ValidationResult("Learning:NetworkLayers must list 1 to 8 layer widths, each in [1, 4096].");
        }

        if (NetworkEmbedding is < 1 or > 64)
        {
            yield return new ValidationResult("Learning:NetworkEmbedding must be in [1, 64].");
        }

        if (LabelWait < TimeSpan.Zero)
        {
            yield return new ValidationResult("Learning:LabelWait must not be negative.");
        }

        if (Window <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Learning:Window must be positive.");
        }

        if (TrainingThreads < 0)
        {
            yield return new ValidationResult("Learning:TrainingThreads must not be negative (0: half the cores).");
        }

        if (MaxDecisions < MinDecisions)
        {
            yield return new ValidationResult("Learning:MaxDecisions must be at least Learning:MinDecisions.");
        }

        if (!(HoldoutFraction is > 0 and < 1))
        {
            yield return new ValidationResult("Learning:HoldoutFraction must be in (0, 1).");
        }

        if (MinDecisions < 10)
        {
            yield return new ValidationResult("Learning:MinDecisions must be at least 10.");
        }

        if (!(MaxImportanceWeight >= 1) || !(MaxTrainingWeight >= 1) || !(L2 >= 0) || !(PromotionConfidence is > 0.5 and < 1) || PriorPromotionConfidence is not (null or (> 0.5 and < 1)) || MinEffectiveSampleSize < 1 || BootstrapResamples < 50 || PenaltyDecisions < 0)
        {
            yield return new ValidationResult(
                "Learning: MaxImportanceWeight and MaxTrainingWeight must be at least 1, L2 not negative, PromotionConfidence and PriorPromotionConfidence in (0.5, 1), MinEffectiveSampleSize at least 1, BootstrapResamples at least 50 and PenaltyDecisions not negative.");
        }

        if (MaxSegmentDiscountGap is { } gap && !(gap is >= 0 and <= 1))
        {
            yield return new ValidationResult("Learning:MaxSegmentDiscountGap must be in [0, 1] when set.");
        }

        if (MaxGroupDiscountGap is { } groupGap && !(groupGap is >= 0 and <= 1))
        {
            yield return new ValidationResult("Learning:MaxGroupDiscountGap must be in [0, 1] when set.");
        }

        if (MinNewDecisions < 0)
        {
            yield return new ValidationResult("Learning:MinNewDecisions must not be negative.");
        }

        if (MinFairnessGroupDecisions < 1)
        {
            yield return new ValidationResult("Learning:MinFairnessGroupDecisions must be at least 1.");
        }
    }
}
