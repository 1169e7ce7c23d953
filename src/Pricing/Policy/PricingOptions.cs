using System.ComponentModel.DataAnnotations;
using OrleansPricing.Pricing.Models;

namespace OrleansPricing.Pricing.Policy;

/// <summary>How quotes are priced. Bound from configuration section <c>Pricing</c> and validated at start.</summary>
public sealed class PricingOptions : IValidatableObject
{
    public const string SectionName = "Pricing";

    /// <summary>Discount levels evaluated for every SKU, as fractions of list price. Must contain 0 (list price).</summary>
    public double[] DiscountGrid { get; set; } = [.. DefaultDiscountGrid];

    /// <summary>The grid when none is configured: 0 to 30% in 5% steps.</summary>
    public static IReadOnlyList<double> DefaultDiscountGrid { get; } = [0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30];

    /// <summary>How long a quoted price is honoured.</summary>
    public TimeSpan QuoteTimeToLive { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>At most this many discounted offers per customer per UTC day; past it, quotes are at list price.</summary>
    public int MaxDiscountedOffersPerDay { get; set; } = 5;

    /// <summary>
    /// How many discounted offers, of the daily cap and of each campaign's, a customer's activation counts ahead when a
    /// discounted quote must write the day's count: the next offers up to that many are answered without a write. An
    /// activation that ends gives back what it did not show; one lost with its silo does not, so a crash can cost a
    /// customer up to this many of the day's discounted offers (never one more than the cap). 0 writes every
    /// discounted quote.
    /// </summary>
    public int DiscountedOffersHeldAhead { get; set; } = 8;

    /// <summary>
    /// Share of non-campaign lines priced at a uniformly random allowed level instead of the best one, so the decision log
    /// holds answers at every depth for learning; floors, maxima and the daily cap still hold, and the exact propensity is
    /// logged. Only quotes the log holds are explored: with the decision log off (or unwritable) nothing learns from a
    /// draw, so none is made. 0 turns exploration off. Twice it (0.1), measured on the shop simulation, was not kept: the
    /// second world gained two points, the others nothing, and the world no discount moves lost 0.8% of list price's
    /// profit; 0.2 lost on the steep world (docs/learning.md).
    /// </summary>
    public double ExplorationRate { get; set; } = 0.05;

    /// <summary>
    /// The exploration share once the active version is one the learning service learned from this shop's decisions
    /// (<see cref="LearnedVersions"/>), instead of <see cref="ExplorationRate"/>: the hand-set prior knows least, so its
    /// quotes explore most; a learned model's candidates are compared on trial quotes (<see cref="ShadowTrafficShare"/>),
    /// and every explored line costs profit (on the shop simulation 5% uniform exploration cost 4–6 points of the
    /// oracle's lift; docs/learning.md).
    /// </summary>
    public double LearnedExplorationRate { get; set; } = 0.01;

    /// <summary>
    /// Share of the exploration draws outside campaigns aimed at the depth a customer usually paid below list price
    /// (<see cref="Features.FeatureDefinition.UsualDepth"/>) instead of any allowed level: the allowed level at that depth and
    /// the next deeper one, each equally likely; a customer who never paid below list price, or whose depth is shallower
    /// than every allowed discount, is explored uniformly as before. Why: a customer's answers near the depth they have
    /// bought at say most of whether a discount moves them, and uniform draws put most of a small exploration budget
    /// elsewhere. The logged propensity is exact either way. 0 (default): uniform draws only. Off by default: at 0.5 the
    /// shop simulation's loop, measured again on 2026-12-08, lost 4.0 points over 27 seeds on the steep world and 0.9 on
    /// the first, and gained 1.6 on the second (docs/learning.md, "Exploration aimed at the depth a customer paid, on today's loop").
    /// </summary>
    public double AimedExplorationShare { get; set; }

    /// <summary>
    /// Share of the non-campaign lines quoted the grid's shallowest discount, which the pricing model expects to beat list
    /// price by less than <see cref="ListPriceCheckGain"/>, that are quoted at list price instead — the list-price check —
    /// with the exact propensity logged, as an exploration draw; only once a learned version is active
    /// (<see cref="ListPriceCheckRateFor"/>). Why: the customers no discount moves got the first level on every simulated
    /// world, where near list price a profit curve is flat and the model's errors decide; a check gives up at most that
    /// share of list price's expected profit by the model's own estimate, spends less, and puts answers at list price,
    /// drawn at random, among exactly the customers in doubt. Deeper discounts are left alone: checked too, they took
    /// lift from the customers a discount moves, whose gains the models under-read (docs/learning.md, "A list-price check
    /// on the discounts a model barely prefers"). 0 turns it off.
    /// </summary>
    public double ListPriceCheckRate { get; set; } = 0.25;

    /// <summary>
    /// The predicted gain over list price's expected profit, as a share of it, below which a chosen discount is checked
    /// against list price (<see cref="ListPriceCheckRate"/>).
    /// </summary>
    public double ListPriceCheckGain { get; set; } = 0.15;

    /// <summary>
    /// The list-price check's share while <paramref name="activeVersion"/> prices quotes: <see cref="ListPriceCheckRate"/>
    /// once a learned version is active, none while the hand-set prior (or an upload) is — its discounts are few and
    /// shallow and go to whoever it reads as deal-prone, so checking them would take them from the customers a discount
    /// moves and teach nothing of the learned models' errors.
    /// </summary>
    public double ListPriceCheckRateFor(string activeVersion) =>
        LearnedVersions.IsLearned(activeVersion) ? ListPriceCheckRate : 0;

    /// <summary>The exploration share while <paramref name="activeVersion"/> prices quotes.</summary>
    public double ExplorationRateFor(string activeVersion) =>
        LearnedVersions.IsLearned(activeVersion) ? LearnedExplorationRate : ExplorationRate;

    /// <summary>
    /// Share of quotes without campaign lines priced by the registry's shadow version instead of the active one, while
    /// there is a shadow: the learning service sets as shadow a candidate it has not shown better with confidence, and
    /// this trial gives the next run decisions that agree with it. The rest of the policy (rules,
    /// exploration, propensities) is the same; the quote names the model that priced it. 0 turns trials off.
    /// </summary>
    public double ShadowTrafficShare { get; set; } = 0.5;

    /// <summary>No customer gets more than this discount, whatever a product allows.</summary>
    public double MaxCustomerDiscount { get; set; } = 0.30;

    /// <summary>
    /// A discount is quoted outside campaigns only when its expected profit beats list price's by this share of it
    /// (<see cref="DiscountOptimizer.ClearsMinimumGain"/>); 0 (default): whenever it is more profitable at all. A shop's
    /// margin of safety against the model's error; the learning loop judges its candidates by the same rule. Off by
    /// default: at 0.1 the shop simulation's loop learned less (docs/learning.md).
    /// </summary>
    public double MinDiscountGain { get; set; }

    /// <summary>
    /// Outside campaigns, the shallowest discount whose expected profit gives up no more than this share of the most
    /// profitable discount's gain over list price is quoted instead of it (<see cref="DiscountOptimizer.IsNearBest"/>);
    /// the learning loop judges its candidates by the same rule. 0 (default): the most profitable. A shop's lever on
    /// promotion spend, off by default: at 0.1 the shop simulation's loop spent 8–20% less against the oracle's and captured
    /// 0.9–2.5 points less of its lift, the independent sensitivity world about 6 points less (docs/learning.md).
    /// </summary>
    public double DepthTolerance { get; set; }

    /// <summary>
    /// Which response model prices quotes: <c>onnx</c> (default: the model registry's active version, served by the scoring
    /// pool — the one source of truth that activate, shadow, rollback and learning change) or <c>logistic</c> (the JSON
    /// model file below, in process; for tests and benchmarks that must not depend on the registry).
    /// </summary>
    public string ResponseModel { get; set; } = Onnx;

    public const string Logistic = "logistic";
    public const string Onnx = "onnx";

    /// <summary>The JSON file of the logistic response model served until learned models are deployed.</summary>
    public string ModelPath { get; set; } = "models/logistic-v2.json";

    /// <summary>Event ids are remembered this long (event time) to apply redelivered events once.</summary>
    public TimeSpan EventDeduplicationWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a silo quotes from its copy of a product's pricing facts (list price, cost, floor, maximum discount,
    /// units available) before reading them from the product grain again; the product's own silo drops its copy on every
    /// change. Zero: every quote reads them. Orders are not affected: the product grain reserves the stock.
    /// </summary>
    public TimeSpan ProductFactsMaxAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Inventory held for an order between its reservation and its commit; freed after this if the order stalls.</summary>
    public TimeSpan ReservationTimeToLive { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// An order not finished this long after its prices were fixed (its client never came back) is finished by its
    /// reminder: completed if its units can still be had, else everything it held is returned.
    /// </summary>
    public TimeSpan OrderRecoveryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an unfinished order's reminder fires (Orleans reminders fire at most once a minute by default).</summary>
    public TimeSpan OrderRecoveryPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A step of an order that throws this many times (not a time-out) is poisoned: the order is undone and recorded as failed.</summary>
    public int OrderMaxFailedAttempts { get; set; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DiscountGrid is null || DiscountGrid.Length == 0)
        {
            yield return new ValidationResult("Pricing:DiscountGrid must list at least one level.");
            yield break;
        }

        if (!DiscountGrid.Contains(0))
        {
            yield return new ValidationResult("Pricing:DiscountGrid must contain 0 (list price).");
        }

        if (DiscountGrid.Any(level => !double.IsFinite(level) || level < 0 || level >= 1))
        {
            yield return new ValidationResult("Pricing:DiscountGrid levels must be fractions in [0, 1).");
        }

        if (DiscountGrid.Zip(DiscountGrid.Skip(1)).Any(pair => pair.First >= pair.Second))
        {
            yield return new ValidationResult("Pricing:DiscountGrid must be strictly increasing.");
        }

        if (ResponseModel is not (Logistic or Onnx))
        {
            yield return new ValidationResult($"Pricing:ResponseModel must be '{Logistic}' or '{Onnx}', was '{ResponseModel}'.");
        }

        if (QuoteTimeToLive <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Pricing:QuoteTimeToLive must be positive.");
        }

        if (ProductFactsMaxAge < TimeSpan.Zero)
        {
            yield return new ValidationResult("Pricing:ProductFactsMaxAge must not be negative.");
        }

        if (MaxDiscountedOffersPerDay < 0)
        {
            yield return new ValidationResult("Pricing:MaxDiscountedOffersPerDay must not be negative.");
        }

        if (DiscountedOffersHeldAhead < 0)
        {
            yield return new ValidationResult("Pricing:DiscountedOffersHeldAhead must not be negative.");
        }

        if (!double.IsFinite(MaxCustomerDiscount) || MaxCustomerDiscount < 0 || MaxCustomerDiscount >= 1)
        {
            yield return new ValidationResult("Pricing:MaxCustomerDiscount must be a fraction in [0, 1).");
        }

        if (!double.IsFinite(MinDiscountGain) || MinDiscountGain < 0 || MinDiscountGain > 1)
        {
            yield return new ValidationResult("Pricing:MinDiscountGain must be a share in [0, 1].");
        }

        if (!double.IsFinite(DepthTolerance) || DepthTolerance < 0 || DepthTolerance >= 1)
        {
            yield return new ValidationResult("Pricing:DepthTolerance must be a share in [0, 1).");
        }

        if (!double.IsFinite(ExplorationRate) || ExplorationRate < 0 || ExplorationRate > 0.5)
        {
            yield return new ValidationResult("Pricing:ExplorationRate must be in [0, 0.5].");
        }

        if (!double.IsFinite(LearnedExplorationRate) || LearnedExplorationRate < 0 || LearnedExplorationRate > 0.5)
        {
            yield return new ValidationResult("Pricing:LearnedExplorationRate must be in [0, 0.5].");
        }

        if (!double.IsFinite(AimedExplorationShare) || AimedExplorationShare < 0 || AimedExplorationShare >= 1)
        {
            // Below 1, so every allowed level keeps a share of the draws and the learning service can weigh any policy.
            yield return new ValidationResult("Pricing:AimedExplorationShare must be a share in [0, 1).");
        }

        if (!double.IsFinite(ListPriceCheckRate) || ListPriceCheckRate < 0 || ListPriceCheckRate > 0.5)
        {
            yield return new ValidationResult("Pricing:ListPriceCheckRate must be in [0, 0.5].");
        }

        if (!double.IsFinite(ListPriceCheckGain) || ListPriceCheckGain < 0 || ListPriceCheckGain > 1)
        {
            yield return new ValidationResult("Pricing:ListPriceCheckGain must be a share in [0, 1].");
        }

        if (!double.IsFinite(ShadowTrafficShare) || ShadowTrafficShare < 0 || ShadowTrafficShare > 0.5)
        {
            yield return new ValidationResult("Pricing:ShadowTrafficShare must be in [0, 0.5].");
        }

        if (EventDeduplicationWindow <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Pricing:EventDeduplicationWindow must be positive.");
        }

        if (OrderRecoveryAfter <= TimeSpan.Zero || OrderRecoveryPeriod <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Pricing:OrderRecoveryAfter and Pricing:OrderRecoveryPeriod must be positive.");
        }

        if (OrderMaxFailedAttempts < 1)
        {
            yield return new ValidationResult("Pricing:OrderMaxFailedAttempts must be at least 1.");
        }

        if (ReservationTimeToLive <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Pricing:ReservationTimeToLive must be positive.");
        }
    }
}
