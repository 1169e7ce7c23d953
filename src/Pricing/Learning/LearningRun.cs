using System.Globalization;
using OrleansPricing.Pricing.DecisionLog;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// One training run on the decision log, without I/O: a time-ordered split (the most recent decisions are held out),
/// three candidates trained on the rest (the ensemble of the segment model, the interaction model and three networks,
/// and the segment model and the interaction model alone), their policies, the shadow version's (when one is on trial) and the
/// active model's judged on the held-out decisions, and the promotion rule of <see cref="LearningOptions"/> applied.
/// </summary>
public static class LearningRun
{
    /// <param name="shadowKind">The kind the shadow version was learned as, when this service learned it: promoted, it is
    /// served learned again from every decision (<see cref="LearningOptions.RefreshPromotedShadow"/>).</param>
    /// <param name="activeKind">The kind the active version was learned as, when this service learned it: it is served
    /// learned again from every decision when nothing is promoted (<see cref="LearningOptions.RefreshActive"/>).</param>
    /// <param name="progress">Told at each step and as each of the ensemble's parts is trained.</param>
    /// <param name="cancellationToken">Checked at each step and inside each model's training: a cancelled run throws
    /// <see cref="OperationCanceledException"/> there, having changed nothing.</param>
    public static LearningOutcome Execute(
        IReadOnlyList<DecisionRecord> log, Func<float[], int, float[]> activeModel, LearningOptions options, PricingOptions pricing,
        Func<CustomerFeatureSnapshot, string> segmentOf, int seed, ProtectedAttributes? protectedAttributes = null,
        string? shadowVersion = null, Func<float[], int, float[]>? shadowModel = null, string? shadowKind = null, double? promotionConfidence = null, string? activeKind = null,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        // Against the hand-set prior the caller may ask for less confidence (Learning:PriorPromotionConfidence); the bar a
        // later model kind must clear over the first stays at Learning:PromotionConfidence (PassedOver).
        var confidence = promotionConfidence ?? options.PromotionConfidence;
        // Each step is where a cancelled run stops, besides each trainer's own checks.
        void Step(string message)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Invoke(message);
        }

        var all = InTimeOrder(log.Where(r => r.Purchased is not null));
        var labelled = all.Count > options.MaxDecisions ? all[^options.MaxDecisions..] : all;
        if (labelled.Count < options.MinDecisions)
        {
            return Skipped(log.Count, $"{labelled.Count} labelled decisions, fewer than Learning:MinDecisions ({options.MinDecisions}); serving is unchanged.");
        }

        var split = (int)Math.Round(labelled.Count * (1 - options.HoldoutFraction));
        var training = labelled.Take(split).ToList();
        var heldOut = HeldOutDecisions.Prepare(labelled.Skip(split), pricing.DiscountGrid, pricing.MaxCustomerDiscount, pricing.MinDiscountGain, pricing.DepthTolerance);
        if (heldOut.Count == 0 || training.Count == 0)
        {
            return Skipped(log.Count, "No held-out decisions on the pricing grid; serving is unchanged.");
        }

        // Candidates of each kind, judged on the same held-out decisions, each by its paired difference from the active
        // model. The one weighed against the active model is the best by doubly robust profit among those the rule would
        // promote (shown better with confidence on enough agreeing decisions), else the best by doubly robust profit: a
        // candidate shown better is not passed over for one estimated higher but not shown better. (Choosing among a few
        // candidates this way gives each of them a chance to pass; a Bonferroni bound for that was measured on the shop
        // simulation and not kept: it promoted less often and captured less; docs/learning.md.)
        var activeScored = OffPolicyEvaluation.Score(heldOut, activeModel);
        var activeTerms = OffPolicyEvaluation.DoublyRobustTerms(heldOut, activeScored, options.MaxImportanceWeight);
        var active = OffPolicyEvaluation.Estimate(heldOut, activeScored, activeTerms, options.MaxImportanceWeight);
        // No plain logistic candidate: without discount interactions it moves every customer alike, and judged by the shop
        // simulation's truth its policy captured 0–50% of the lift (mostly under 16%) while its off-line estimate could
        // still lead and put a near-list-price policy on trial (docs/learning.md).
        // A later kind must be shown better than the first to be weighed (below).
        Step(string.Create(CultureInfo.InvariantCulture,
            $"Training the candidates on {training.Count} decisions; the newest {heldOut.Count} are held out to judge them."));
        var kinds = TrainCandidates(training, options, seed, progress, cancellationToken);
        Step(string.Create(CultureInfo.InvariantCulture,
            $"Judging {kinds.Count} candidates{(shadowVersion is null ? "" : " and the shadow version")} against the active model on {heldOut.Count} held-out decisions."));
        // The shadow version on trial is judged beside them: its trial quotes are the decisions that agree with it.
        var judged = kinds.Select(model => (Name: model.Kind, Model: (ICandidateModel?)model))
            .Concat(shadowVersion is not null && shadowModel is not null ? [(ShadowName(shadowVersion), null)] : [])
            .ToList();
        // The shadow and the active version were both fixed before the shadow's trial began, so every decision since then
        // judges the two out of sample: when the trial ran longer than the held-out quarter, the shadow's difference and
        // estimate come from all its trial decisions (new candidates learned from the rest, so only the held-out ones
        // judge them).
        var trialPeriod = shadowVersion is null ? null : TrialPeriod(labelled, shadowVersion);
        var trial = trialPeriod is not null && trialPeriod.Count > labelled.Count - split
            ? HeldOutDecisions.Prepare(trialPeriod, pricing.DiscountGrid, pricing.MaxCustomerDiscount, pricing.MinDiscountGain, pricing.DepthTolerance)
            : null;
        // The shadow's trial is a randomized experiment: what each arm's quotes earned is an unbiased comparison that
        // no model's beliefs enter, where the doubly robust one leans on the models' response at the levels they
        // choose (steep seed 3 of the shop simulation, run 3: the arms +0.334 a decision apart over the lines they priced
        // differently, doubly robust +0.046, the truth +0.61 a line). The shadow
        // is shown better by whichever of the two has the higher lower bound: the arms' comparison carries the purchase
        // noise of every line the arms priced differently, and alone it missed shadows only the paired doubly robust
        // difference found (docs/learning.md).
        var arms = trialPeriod is null ? null : TrialArms(trialPeriod);
        (double Mean, double Lower, double Upper)? earned = arms is { } both
            ? OffPolicyEvaluation.ArmsDifferenceInterval(both.Shadow, both.Active, confidence, options.BootstrapResamples, seed)
            : null;
        var trialComparison = arms is { } lines && earned is { } interval
            ? new TrialComparison(shadowVersion!, lines.Shadow.Sum(q => q.Lines), lines.Active.Sum(q => q.Lines),
                EarnedPerLine(trialPeriod!, shadowArm: true), EarnedPerLine(trialPeriod!, shadowArm: false), interval.Mean, interval.Lower, interval.Upper)
            : null;
        var candidates = judged.Select(entry =>
        {
            var predict = entry.Model is { } model ? model.Predict : shadowModel!;
            var scored = OffPolicyEvaluation.Score(heldOut, predict);
            var (decisions, judgedScored, baseline) = entry.Model is null && trial is not null
                ? (trial, OffPolicyEvaluation.Score(trial, predict),
                    OffPolicyEvaluation.DoublyRobustTerms(trial, OffPolicyEvaluation.Score(trial, activeModel), options.MaxImportanceWeight))
                : (heldOut, scored, activeTerms);
            var terms = OffPolicyEvaluation.DoublyRobustTerms(decisions, judgedScored, options.MaxImportanceWeight);
            var difference = OffPolicyEvaluation.DifferenceInterval(terms, baseline, confidence, options.BootstrapResamples, seed);
            var byArms = entry.Model is null && earned?.Lower > difference.Lower;
            if (byArms)
            {
                difference = earned!.Value;
            }

            return (entry.Name, entry.Model, Scored: scored, Terms: terms, Difference: difference, ByArms: byArms,
                Estimate: OffPolicyEvaluation.Estimate(decisions, judgedScored, terms, options.MaxImportanceWeight));
        }).ToList();
        // A later kind must earn its place over the first: it is weighed only when, on the same held-out decisions, its
        // paired difference from the first kind has its lower bound above 0 — with the first kind's response as the
        // direct part of both doubly robust estimates, so the later kind cannot vouch for its own choices. Why: judged by
        // the shop simulation's true response the network alone, when it came second, trailed the interaction model on
        // small logs (by 15–34 points on the oldest third of five logs) and on seed 29's whole log (73.7% against 87.0%),
        // yet each judged by its own response it was shown better there and promoted; the off-line estimates cannot rank
        // the kinds, so the kind that is best by the truth on the larger logs comes first (the ensemble; docs/learning.md).
        var passedOver = PassedOver(
            [.. candidates.Take(kinds.Count).Select((c, i) => i == 0 ? c.Terms : OffPolicyEvaluation.DoublyRobustTerms(
                heldOut, new OffPolicyEvaluation.Scored(candidates[0].Scored.Probabilities, c.Scored.Choices), options.MaxImportanceWeight))],
            options, seed);
        var eligible = Enumerable.Range(0, candidates.Count).Where(i => passedOver.All(over => over.Index != i)).ToList();
        // The shadow on the held-out decisions too, where the new candidates are judged: which of them to put on trial
        // (its terms are those already when it was judged on the held-out decisions, not on a longer trial).
        var shadowTerms = candidates.Where(c => c.Model is null)
            .Select(c => trial is null ? c.Terms : OffPolicyEvaluation.DoublyRobustTerms(heldOut, c.Scored, options.MaxImportanceWeight)).FirstOrDefault();
        double OverShadow(double[] terms) => terms.Zip(shadowTerms!, (candidate, shadow) => candidate - shadow).Average();
        var (weighed, takesTrialOver) = Weighed(
            [.. eligible.Select(i => candidates[i]).Select(c => new JudgedCandidate(c.Difference.Mean, c.Difference.Lower, c.Estimate, OnTrial: c.Model is null,
                OverShadow: c.Model is null || shadowTerms is null ? 0 : OverShadow(c.Terms)))],
            options.MinEffectiveSampleSize);
        var best = candidates[eligible[weighed]];
        var (candidate, candidateScored, learned) = (best.Model, best.Scored, best.Estimate);
        var (mean, lower, upper) = best.Difference;
        Step("Judging list price and the blanket coupons, and the fairness report.");
        // List price and the blanket coupons, the plainest policies, judged by the first kind's response (see BlanketCoupons).
        var listPrice = JudgeCoupon(heldOut, candidates[0].Scored.Probabilities, heldOut.ListLevel, options).Estimate.DoublyRobust;
        var blanketCoupons = BlanketCoupons(heldOut, candidates[0].Scored.Probabilities, activeTerms, options, confidence, seed);
        var attributes = protectedAttributes ?? ProtectedAttributes.None;
        List<FairnessRow> FairnessOf(OffPolicyEvaluation.Scored scored) =>
            [.. Fairness(heldOut, activeScored, scored, "segment", record => segmentOf(record.Customer), options.MinFairnessGroupDecisions)
                .Concat(attributes.Attributes.SelectMany(attribute =>
                    Fairness(heldOut, activeScored, scored, attribute, record => attributes.GroupOf(record.CustomerId, attribute), options.MinFairnessGroupDecisions)))];

        double Gap(IEnumerable<FairnessRow> rows)
        {
            var judged = rows.Where(f => f.Judged).ToList();
            return judged.Count > 1 ? judged.Max(f => f.CandidateMeanDiscount) - judged.Min(f => f.CandidateMeanDiscount) : 0;
        }

        // A candidate whose mean discount differs between segments or groups by more than the bounds allow is never
        // served, whether promoted or refreshing the active model.
        string? UnfairnessOf(List<FairnessRow> rows, string subject = "the candidate")
        {
            var gap = Gap(rows.Where(f => f.Dimension == "segment"));
            var widest = attributes.Attributes
                .Select(attribute => (Attribute: attribute, Gap: Gap(rows.Where(f => f.Dimension == attribute))))
                .OrderByDescending(g => g.Gap).FirstOrDefault();
            return options.MaxSegmentDiscountGap is { } limit && gap > limit
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{subject}'s mean discount differs by {gap:P1} between segments (of at least {options.MinFairnessGroupDecisions} held-out decisions), above Learning:MaxSegmentDiscountGap {limit:P1}")
                : options.MaxGroupDiscountGap is { } groupLimit && widest.Attribute is not null && widest.Gap > groupLimit
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"{subject}'s mean discount differs by {widest.Gap:P1} between groups of '{widest.Attribute}' (of at least {options.MinFairnessGroupDecisions} held-out decisions), above Learning:MaxGroupDiscountGap {groupLimit:P1}")
                    : null;
        }

        var fairness = FairnessOf(candidateScored);
        var unfair = UnfairnessOf(fairness);
        string reason;
        var promote = false;
        var shownBetter = lower > 0 && learned.EffectiveSampleSize >= options.MinEffectiveSampleSize;
        if (lower <= 0)
        {
            reason = string.Create(CultureInfo.InvariantCulture,
                $"Kept the active model: the candidate's profit per decision is {mean:+0.000;-0.000;0.000} against it{(best.ByArms ? " by what each arm of its trial earned" : "")}, but its {confidence:P0} lower bound {lower:+0.000;-0.000;0.000} is not above 0.");
        }
        else if (!shownBetter)
        {
            reason = string.Create(CultureInfo.InvariantCulture,
                $"Kept the active model: only {learned.EffectiveSampleSize:F0} effective judged decisions agree with the candidate (Learning:MinEffectiveSampleSize {options.MinEffectiveSampleSize}).");
        }
        else if (unfair is not null)
        {
            reason = $"Kept the active model: {unfair}.";
        }
        else
        {
            promote = true;
            reason = string.Create(CultureInfo.InvariantCulture,
                $"Promoted: profit per decision {mean:+0.000;-0.000;0.000} over the active model ({confidence:P0} interval {lower:+0.000;-0.000;0.000} to {upper:+0.000;-0.000;0.000}), {(best.ByArms ? "by what the quotes of each arm of its trial earned" : $"{learned.EffectiveSampleSize:F0} effective judged decisions{(best.Model is null && trial is not null ? ", all since its trial began" : " held out")}")}.");
        }

        // The active version's own kind, learned again from every decision, when nothing is promoted and the run's new
        // candidate of that kind is not shown worse than the version it would replace (Learning:RefreshActive). When the run
        // weighed a new candidate of another kind, that one, learned from every decision too, goes on trial against the
        // refreshed version rather than against one that has not seen the newest decisions. A weighed candidate shown
        // better but kept for the fairness bounds keeps its reason, the bounds in it.
        var refreshesActive = false;
        string? trialKind = null;
        var own = candidates.FirstOrDefault(c => c.Model is not null && c.Model.Kind == activeKind);
        if (!promote && options.RefreshActive && candidate is not null && own.Model is not null && own.Difference.Upper > 0 && !(shownBetter && unfair is not null))
        {
            var weighedOther = candidate.Kind != activeKind;
            var (ownMean, ownLower, ownUpper) = own.Difference;
            if ((weighedOther ? UnfairnessOf(FairnessOf(own.Scored), $"the {activeKind} candidate") : unfair) is { } ownUnfair)
            {
                reason += $" Not refreshed (Learning:RefreshActive): {ownUnfair}.";
            }
            else
            {
                refreshesActive = promote = true;
                trialKind = weighedOther ? candidate.Kind : null;
                reason = string.Create(CultureInfo.InvariantCulture,
                    $"Refreshed the active model: its kind, {activeKind}, learned again from every decision. The candidate of that kind, trained on the older ones, is {ownMean:+0.000;-0.000;0.000} a decision against it ({confidence:P0} interval {ownLower:+0.000;-0.000;0.000} to {ownUpper:+0.000;-0.000;0.000}): ")
                    + (weighedOther
                        ? string.Create(CultureInfo.InvariantCulture,
                            $"not shown worse (Learning:RefreshActive). The run's weighed candidate, {candidate.Kind}, is {mean:+0.000;-0.000;0.000} a decision against the active version ({lower:+0.000;-0.000;0.000} to {upper:+0.000;-0.000;0.000}), not shown better: it goes on trial against the refreshed version, learned from every decision too.")
                        : "not shown better, and not shown worse (Learning:RefreshActive).");
            }
        }

        if (refreshesActive && shadowVersion is not null)
        {
            reason += $" The trial of {shadowVersion} ends.";
        }
        else if (takesTrialOver)
        {
            reason += string.Create(CultureInfo.InvariantCulture,
                $" It takes over the trial of {shadowVersion}: profit per decision {OverShadow(best.Terms):+0.000;-0.000;0.000} against it on the held-out decisions.");
        }

        if (labelled.Count < all.Count)
        {
            reason += string.Create(CultureInfo.InvariantCulture, $" Learned from the newest {labelled.Count:N0} of the {all.Count:N0} labelled decisions read (Learning:MaxDecisions).");
        }

        foreach (var (index, (overMean, overLower, _)) in passedOver)
        {
            reason += string.Create(CultureInfo.InvariantCulture,
                $" Not weighed: {kinds[index].Kind}, profit per decision {overMean:+0.000;-0.000;0.000} against {kinds[0].Kind}, lower bound {overLower:+0.000;-0.000;0.000}.");
        }

        // The judged candidate learned from the older decisions only; what is served learns from all of them, the held-out
        // included (the same kind and settings, so the judgement carries over). So does a promoted shadow the cluster
        // learned (Learning:RefreshPromotedShadow): its trial judged its kind on the decisions before the trial. Any other
        // shadow version is served as it is.
        var refreshed = promote && candidate is null && options.RefreshPromotedShadow && shadowKind is not null && kinds.Any(k => k.Kind == shadowKind)
            ? shadowKind
            : null;
        var servedKind = trialKind is not null ? activeKind : candidate?.Kind ?? refreshed;
        if (servedKind is not null)
        {
            Step(string.Create(CultureInfo.InvariantCulture,
                $"Judged. Training the {servedKind} {(refreshed is null ? "candidate" : "kind of the promoted shadow")} again on all {labelled.Count} decisions, the held-out ones included, to serve."));
        }

        // A promoted shadow served as it was learned from fewer decisions than this run's new candidates: the best of them
        // goes on trial against it at once, so that the next run judges that one on its own quotes. Until 2026-11-30 no
        // trial followed a shadow's promotion and the next round was the shadow's alone (measured on the shop simulation:
        // docs/learning.md).
        var successor = trialKind is not null ? candidate : promote && candidate is null && refreshed is null
            ? eligible.Select(i => candidates[i]).Where(c => c.Model is not null).OrderByDescending(c => c.Estimate.DoublyRobust).Select(c => c.Model).FirstOrDefault()
            : null;
        var (served, nextTrial) = Refit(labelled, options, servedKind, successor?.Kind, seed, progress, cancellationToken);
        if (refreshed is not null)
        {
            reason += string.Create(CultureInfo.InvariantCulture,
                $" Served as {refreshed} learned again from all {labelled.Count:N0} labelled decisions, the kind its trial judged (Learning:RefreshPromotedShadow).");
        }

        return new LearningOutcome(
            served, candidates.ToDictionary(c => c.Name, c => c.Estimate), log.Count, training.Count, heldOut.Count, active, learned,
            listPrice, mean, lower, upper, FairnessTable(fairness, MaxFairnessGroups), promote, reason, candidate is null && refreshed is null ? shadowVersion : null,
            nextTrial, trialComparison, ExplorationSummary.Of(labelled).WithHeldOutCheck(heldOut, candidates[0].Scored), blanketCoupons,
            labelled.Count, refreshesActive);
    }

    /// <summary>
    /// The kind to serve and the kind to put on trial against it, each learned again from every labelled decision. When
    /// one is the ensemble and the other one of its parts, that part of the ensemble's refit is the other (the same
    /// training, as in <see cref="TrainCandidates"/>), so the slowest model is not fitted twice.
    /// </summary>
    private static (ICandidateModel? Served, ICandidateModel? Trial) Refit(IReadOnlyList<DecisionRecord> labelled, LearningOptions options,
        string? servedKind, string? trialKind, int seed, Action<string>? progress, CancellationToken cancellationToken)
    {
        var ensemble = servedKind == ModelKinds.Ensemble || trialKind == ModelKinds.Ensemble
            ? (EnsembleModel)Train(labelled, options, ModelKinds.Ensemble, seed, progress, cancellationToken)
            : null;
        ICandidateModel? Of(string? kind) => kind is null ? null
            : kind == ModelKinds.Ensemble ? ensemble
            : ensemble?.CandidatePart(kind) ?? Train(labelled, options, kind, seed, progress, cancellationToken);
        return (Of(servedKind), Of(trialKind));
    }

    /// <summary>
    /// When every decision of <paramref name="log"/> made by <paramref name="requestedAt"/> is labelled — its quote expired
    /// — but no later than <paramref name="maxWait"/> after <paramref name="requestedAt"/>; null when none is waiting.
    /// </summary>
    public static DateTimeOffset? LabelledBy(IEnumerable<DecisionRecord> log, DateTimeOffset requestedAt, TimeSpan quoteTimeToLive, TimeSpan maxWait)
    {
        var pending = log.Where(r => r.Purchased is null && r.Timestamp <= requestedAt).Select(r => (DateTimeOffset?)r.Timestamp).Max();
        return pending is { } newest ? Min(newest + quoteTimeToLive, requestedAt + maxWait) : null;

        static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    }

    /// <summary>
    /// The kinds after the first that are not weighed — those whose paired difference from the first has
    /// its <see cref="LearningOptions.PromotionConfidence"/> lower bound not above 0 — by index into
    /// <paramref name="kindTerms"/> (each kind's doubly robust terms on the same held-out decisions; the later kinds'
    /// with the first kind's response as the direct part), with that difference.
    /// </summary>
    internal static List<(int Index, (double Mean, double Lower, double Upper) Difference)> PassedOver(
        IReadOnlyList<double[]> kindTerms, LearningOptions options, int seed) =>
        [.. Enumerable.Range(1, kindTerms.Count - 1)
            .Select(i => (Index: i, Difference: OffPolicyEvaluation.DifferenceInterval(
                kindTerms[i], kindTerms[0], options.PromotionConfidence, options.BootstrapResamples, seed)))
            .Where(over => over.Difference.Lower <= 0)];

    /// <summary>
    /// Which judged candidate is weighed against the active model (promoted when the rule holds, else put on trial): the
    /// best by doubly robust profit among the new candidates whose paired difference has its lower bound above 0 on at
    /// least <paramref name="minEffectiveSampleSize"/> effective decisions (the promotion rule's evidence tests), else the
    /// shadow if it passes them; else, while the shadow's mean difference is above 0 (judged on its own trial quotes, with
    /// small importance weights, its estimate against the active model is the one to trust), the new candidate estimated
    /// best over the shadow on the same held-out decisions, for a trial in its place, when one is estimated better than
    /// it, and the shadow otherwise; else the best new candidate by doubly robust profit, for a trial of its own. Whether
    /// the one weighed takes the shadow's trial over comes with it, for the run's reason.
    /// </summary>
    internal static (int Index, bool TakesTrialOver) Weighed(IReadOnlyList<JudgedCandidate> judged, double minEffectiveSampleSize)
    {
        var all = Enumerable.Range(0, judged.Count).ToList();
        var shownBetter = all.Where(i => judged[i].Lower > 0 && judged[i].Estimate.EffectiveSampleSize >= minEffectiveSampleSize).ToList();
        var newShownBetter = shownBetter.Where(i => !judged[i].OnTrial).ToList();
        if (shownBetter.Count > 0)
        {
            // A new candidate shown better first: it learned from more decisions than the shadow did.
            return ((newShownBetter.Count > 0 ? newShownBetter : shownBetter).MaxBy(i => judged[i].Estimate.DoublyRobust), false);
        }

        var shadow = all.Where(i => judged[i].OnTrial && judged[i].Mean > 0).ToList();
        var fresh = all.Where(i => !judged[i].OnTrial).ToList();
        // A new candidate that learned from more decisions and is estimated better than the shadow on the very decisions
        // that judge it takes the trial over: the shadow's lead is over the active model, not over it. Measured on the shop
        // simulation (docs/learning.md): it changed one seed of fourteen, round 4 76.9% → 79.4%.
        var overShadow = fresh.Where(i => judged[i].OverShadow > 0).ToList();
        if (shadow.Count > 0 && overShadow.Count > 0)
        {
            return (overShadow.MaxBy(i => judged[i].OverShadow), true);
        }

        return ((shadow.Count > 0 ? shadow : fresh.Count > 0 ? fresh : all).MaxBy(i => judged[i].Estimate.DoublyRobust), false);
    }

    /// <summary>
    /// What each arm of the shadow's trial earned, quote by quote (the unit the trial draws; a quote's lines are the
    /// decisions one customer got at one instant): the profit (margin if bought) and count of its lines, over the
    /// <paramref name="period"/>'s quotes the trial drew (<see cref="TrialPeriod"/>), those the shadow priced and those the active version priced — not a campaign's
    /// quotes, never drawn (<see cref="DecisionRecord.ShadowArm"/>); null until each arm has <see cref="MinArmDecisions"/> lines.
    /// A line either arm would have quoted alike (<see cref="DecisionRecord.TrialLevelsDiffer"/> false) counts as a line
    /// that earned 0: its expected profit is the same in both arms, so leaving it out of both keeps the difference
    /// unbiased, and its purchase — a coin toss either way — no longer widens the interval (docs/learning.md).
    /// </summary>
    internal static ((double Profit, int Lines)[] Shadow, (double Profit, int Lines)[] Active)? TrialArms(IEnumerable<DecisionRecord> period)
    {
        static double Profit(DecisionRecord r) => r.TrialLevelsDiffer != false ? Earned(r) : 0;
        var byArm = period.Where(r => r.ShadowArm is not null)
            .GroupBy(r => (r.ShadowArm, r.CustomerId, r.Timestamp))
            .ToLookup(quote => quote.Key.ShadowArm == true, quote => (Profit: quote.Sum(Profit), Lines: quote.Count()));
        return byArm[true].Sum(q => q.Lines) >= MinArmDecisions && byArm[false].Sum(q => q.Lines) >= MinArmDecisions
            ? ([.. byArm[true]], [.. byArm[false]])
            : null;
    }

    /// <summary>What a decision earned: its margin if bought.</summary>
    private static double Earned(DecisionRecord r) => r.Purchased == true ? HeldOutDecisions.Margin(r, r.Discount) : 0;

    /// <summary>What the lines of one arm of the trial earned on average, every line counted: what an A/B readout shows beside the comparison.</summary>
    private static double EarnedPerLine(IEnumerable<DecisionRecord> period, bool shadowArm) =>
        period.Where(r => r.ShadowArm == shadowArm).Select(Earned).DefaultIfEmpty().Average();

    /// <summary>Decisions (quote lines) each arm of a trial needs before the arms' profits are compared directly.</summary>
    internal const int MinArmDecisions = 500;

    /// <summary>
    /// The labelled decisions (oldest first) since the trial of <paramref name="shadowVersion"/> began — its first quote —
    /// and since the version pricing the other quotes last changed; null when the shadow priced none.
    /// </summary>
    internal static List<DecisionRecord>? TrialPeriod(IReadOnlyList<DecisionRecord> labelled, string shadowVersion)
    {
        bool ByShadow(DecisionRecord record) => ResponseModelInfo.VersionOf(record.Model) == shadowVersion;
        var first = Enumerable.Range(0, labelled.Count).FirstOrDefault(i => ByShadow(labelled[i]), -1);
        if (first < 0)
        {
            return null;
        }

        var active = labelled.LastOrDefault(r => !ByShadow(r))?.Model;
        var start = labelled.Count;
        while (start > first && (ByShadow(labelled[start - 1]) || labelled[start - 1].Model == active))
        {
            start--;
        }

        return labelled.Skip(start).ToList();
    }

    /// <summary>
    /// Labelled decisions oldest first; decisions made at the same instant (the lines of one quote) by customer and SKU,
    /// so the same log trains and judges the same way whatever ids the decisions were given.
    /// </summary>
    public static List<DecisionRecord> InTimeOrder(IEnumerable<DecisionRecord> decisions) => decisions
        .OrderBy(r => r.Timestamp).ThenBy(r => r.CustomerId, StringComparer.Ordinal).ThenBy(r => r.Product.Sku, StringComparer.Ordinal)
        .ThenBy(r => r.DecisionId, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The candidates a run judges, in the order it weighs them: the ensemble first, then the segment model and the
    /// interaction model alone (the ensemble's own parts, trained once). Why the segment model second and not first:
    /// first, it raised the shop simulation's steep world by 7.5 points over 27 seeds but lost about 14 on an independent
    /// world whose histories do not tell apart the customers a discount moves; second, it serves alone only where the log
    /// shows it better than the ensemble, of which it is half (docs/learning.md, "Segments from behaviour, with the
    /// answers" and "The segment model as half of the ensemble").
    /// </summary>
    /// <param name="progress">Told as each of the ensemble's parts is trained (on a large log they take a minute together).</param>
    public static IReadOnlyList<ICandidateModel> TrainCandidates(IReadOnlyList<DecisionRecord> training, LearningOptions options, int seed,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var ensemble = (EnsembleModel)Train(training, options, ModelKinds.Ensemble, seed, progress, cancellationToken);
        return [ensemble, .. ensemble.CandidateParts];
    }

    /// <summary>
    /// A candidate of one kind on the feature definition's rows (oldest first), each weighted by 1/propensity clipped at
    /// <see cref="LearningOptions.MaxTrainingWeight"/> (1 by default: unweighted).
    /// </summary>
    /// <param name="progress">For an ensemble, told as each part is trained.</param>
    /// <param name="cancellationToken">Checked inside each model's training (each Newton step, each network's mini-batch).</param>
    public static ICandidateModel Train(IReadOnlyList<DecisionRecord> training, LearningOptions options, string kind, int seed = 1,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        if (kind == ModelKinds.ResponseNetwork)
        {
            return TrainNetwork(training, options, options.Network, seed, cancellationToken);
        }

        if (kind == ModelKinds.Segments)
        {
            return SegmentResponseModel.Train(training, options, seed, cancellationToken);
        }

        if (kind == ModelKinds.Ensemble)
        {
            // The parts learn apart, Learning:TrainingThreads at a time (the networks from seeds seed, seed + 1, …): the
            // same models as in turn. The segment model, the slowest, comes first.
            Func<ICandidateModel>[] trainers =
            [
                () => SegmentResponseModel.Train(training, options, seed, cancellationToken),
                () => Train(training, options, ModelKinds.LogisticInteractions, seed, cancellationToken: cancellationToken),
                .. Enumerable.Range(0, EnsembleModel.Networks).Select(n => (Func<ICandidateModel>)(() => TrainNetwork(training, options, options.Network, seed + n, cancellationToken))),
            ];
            var parts = new ICandidateModel[trainers.Length];
            var trained = 0;
            Parallel.For(0, trainers.Length, new ParallelOptions { MaxDegreeOfParallelism = options.TrainingParallelism, CancellationToken = cancellationToken }, part =>
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                parts[part] = trainers[part]();
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                    $"Trained {Interlocked.Increment(ref trained)} of the ensemble's {trainers.Length} parts ({parts[part].Kind}, {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)."));
            });
            return EnsembleModel.Of((LearnedModel)parts[1], [.. parts[2..].Cast<ResponseNetwork>()], (SegmentResponseModel)parts[0]);
        }

        var weights = training.Select(r => Math.Min(1 / r.Propensity, options.MaxTrainingWeight)).ToList();
        var labels = training.Select(r => r.Purchased == true).ToList();
        var width = LearnedModel.WidthOf(kind);
        var rows = new float[training.Count * width];
        var row = new float[FeatureDefinition.Count];
        for (var i = 0; i < training.Count; i++)
        {
            training[i].WriteFeatures(row);
            LearnedModel.Expand(kind, row, rows.AsSpan(i * width, width));
        }

        var (intercept, coefficients) = WeightedLogisticRegression.Fit(rows, width, labels, weights, options.PenaltyFor(training.Count), cancellationToken: cancellationToken);
        return new LearnedModel(kind, intercept, coefficients);
    }

    /// <summary>
    /// The response network of <paramref name="shape"/> on the same rows and weights as <see cref="Train"/>; a shape with
    /// a sequence encoder reads each decision's event sequence after its feature row (judged by the shop simulation; the
    /// scoring pool serves feature rows only, so the loop trains the feature-row network). A shape that names no steps
    /// (null) gets the log's levels (<see cref="StepsOf"/>); an empty list keeps the smooth shapes alone.
    /// </summary>
    public static ResponseNetwork TrainNetwork(
        IReadOnlyList<DecisionRecord> training, LearningOptions options, NetworkShape shape, int seed = 1, CancellationToken cancellationToken = default)
    {
        shape = shape.Steps is null ? shape with { Steps = StepsOf(training) } : shape;
        var width = ResponseNetwork.RowWidthOf(shape);
        var raw = new float[training.Count * width];
        for (var i = 0; i < training.Count; i++)
        {
            training[i].WriteFeatures(raw.AsSpan(i * width, FeatureDefinition.Count));
            if (width > FeatureDefinition.Count)
            {
                training[i].WriteSequence(raw.AsSpan(i * width + FeatureDefinition.Count, EventSequence.Width));
            }
        }

        return ResponseNetwork.Train(
            raw, training.Select(r => r.Purchased == true).ToList(), training.Select(r => Math.Min(1 / r.Propensity, options.MaxTrainingWeight)).ToList(), seed, shape,
            cancellationToken: cancellationToken);
    }

    /// <summary>The most discount steps a network gets: enough for a grid of 5-point levels to 85% (the smallest needs none).</summary>
    public const int MaxNetworkSteps = 16;

    /// <summary>
    /// Where the network's response may step up: at each discount level the log quotes (discounts within half a point
    /// of each other are one level), but the smallest, whose step is 1[d &gt; 0] already — the shop's grid as it was
    /// served, so a shop with other levels gets its own. A log of more levels than <see cref="MaxNetworkSteps"/> (discounts set by hand, say) gets that many,
    /// spread evenly over them.
    /// </summary>
    public static IReadOnlyList<double> StepsOf(IReadOnlyList<DecisionRecord> decisions)
    {
        // Each level at the smallest discount quoted near it, so that every discount quoted there reaches its step.
        var levels = decisions.Where(r => r.Discount > 0).GroupBy(r => Math.Round(r.Discount * 200)).Select(g => g.Min(r => r.Discount)).Order().Skip(1).ToList();
        return levels.Count <= MaxNetworkSteps
            ? levels
            : [.. Enumerable.Range(0, MaxNetworkSteps).Select(k => levels[(int)Math.Round(k * (levels.Count - 1.0) / (MaxNetworkSteps - 1))]).Distinct()];
    }

    /// <summary>
    /// Each blanket coupon of the grid (every level above list price) judged on the held-out decisions, with the active
    /// policy's paired difference from it. A coupon has no response of its own: the direct part of its doubly robust
    /// estimate is <paramref name="response"/>, the first candidate kind's, learned from the older decisions only — as a
    /// later kind is judged — so that the active model does not vouch for its own lead.
    /// </summary>
    internal static List<BlanketCoupon> BlanketCoupons(
        HeldOutDecisions heldOut, float[] response, double[] activeTerms, LearningOptions options, double confidence, int seed) =>
        [.. Enumerable.Range(0, heldOut.Grid.Count).Where(g => heldOut.Grid[g] > 0).OrderBy(g => heldOut.Grid[g]).Select(level =>
        {
            var (terms, estimate) = JudgeCoupon(heldOut, response, level, options);
            var (mean, lower, upper) = OffPolicyEvaluation.DifferenceInterval(activeTerms, terms, confidence, options.BootstrapResamples, seed);
            // The promotion rule's tests: a bound beyond 0, on enough effective decisions agreeing with the coupon — on the
            // shop simulation, comparisons on fewer came out the wrong way round with confidence (docs/learning.md).
            var shownBetter = estimate.EffectiveSampleSize < options.MinEffectiveSampleSize ? null : lower > 0 ? "active" : upper < 0 ? "coupon" : null;
            return new BlanketCoupon(heldOut.Grid[level], estimate.SelfNormalizedIps, estimate.DoublyRobust, estimate.EffectiveSampleSize,
                estimate.Agreeing, estimate.MeanDiscount, mean, lower, upper, shownBetter);
        })];

    /// <summary>
    /// The policy that quotes every line <paramref name="level"/>, or the deepest allowed level below it (a floor or maximum
    /// caps the coupon there), judged on the held-out decisions with <paramref name="response"/> as its direct part.
    /// Until 2026-12-04 a run's list-price figure was the self-normalized IPS of the decisions logged at list price alone:
    /// 0 once a learned policy discounted everyone, and 2.5 times the truth in one run of the shop simulation (docs/learning.md).
    /// </summary>
    private static (double[] Terms, PolicyEstimate Estimate) JudgeCoupon(HeldOutDecisions heldOut, float[] response, int level, LearningOptions options)
    {
        var list = heldOut.ListLevel;
        var choices = new int[heldOut.Count];
        for (var i = 0; i < heldOut.Count; i++)
        {
            choices[i] = heldOut.Allowed[i].Where(g => heldOut.Grid[g] <= heldOut.Grid[level]).DefaultIfEmpty(list).MaxBy(g => heldOut.Grid[g]);
        }

        var scored = new OffPolicyEvaluation.Scored(response, choices);
        var terms = OffPolicyEvaluation.DoublyRobustTerms(heldOut, scored, options.MaxImportanceWeight);
        return (terms, OffPolicyEvaluation.Estimate(heldOut, scored, terms, options.MaxImportanceWeight));
    }

    /// <summary>
    /// The most groups a run's fairness table shows for one dimension (a segment or a registered attribute). The bounds on
    /// the disparity judge every group; the table keeps the largest and pools the rest, so that an attribute of many
    /// values (an age, a postcode) cannot outgrow the learning grain's stored state.
    /// </summary>
    public const int MaxFairnessGroups = 20;

    /// <summary>
    /// Each dimension's <paramref name="maxGroups"/> − 1 largest groups (by decisions) as they are, and the rest pooled in
    /// one row, "(N other groups)", whose rates are the decision-weighted means of theirs; a dimension within the bound as it is.
    /// </summary>
    public static IReadOnlyList<FairnessRow> FairnessTable(IReadOnlyList<FairnessRow> rows, int maxGroups) =>
        [.. rows.GroupBy(row => row.Dimension, StringComparer.Ordinal).SelectMany(dimension =>
        {
            var groups = dimension.ToList();
            if (groups.Count <= maxGroups)
            {
                return groups;
            }

            var kept = groups.OrderByDescending(row => row.Decisions).ThenBy(row => row.Group, StringComparer.Ordinal).Take(maxGroups - 1).ToHashSet();
            var rest = groups.Where(row => !kept.Contains(row)).ToList();
            var decisions = rest.Sum(row => row.Decisions);
            double Pooled(Func<FairnessRow, double> rate) => decisions == 0 ? 0 : rest.Sum(row => row.Decisions * rate(row)) / decisions;
            return groups.Where(kept.Contains).Append(new FairnessRow(
                dimension.Key, string.Create(CultureInfo.InvariantCulture, $"({rest.Count} other groups)"), decisions, Pooled(row => row.ConversionRate),
                Pooled(row => row.LoggedMeanDiscount), Pooled(row => row.ActiveMeanDiscount), Pooled(row => row.CandidateMeanDiscount), Judged: false));
        })];

    private static IEnumerable<FairnessRow> Fairness(
        HeldOutDecisions heldOut, OffPolicyEvaluation.Scored active, OffPolicyEvaluation.Scored candidate, string dimension,
        Func<DecisionRecord, string> groupOf, int minJudgedDecisions) =>
        Enumerable.Range(0, heldOut.Count)
            .GroupBy(i => groupOf(heldOut.Records[i]), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FairnessRow(
                dimension, g.Key, g.Count(),
                g.Average(i => heldOut.Records[i].Purchased == true ? 1.0 : 0.0),
                g.Average(i => heldOut.Records[i].Discount),
                g.Average(i => heldOut.Grid[active.Choices[i]]),
                g.Average(i => heldOut.Grid[candidate.Choices[i]]),
                Judged: g.Count() >= minJudgedDecisions && g.Key != ProtectedAttributes.NotRegistered));

    /// <summary>How the shadow version appears among the candidates of a run.</summary>
    public static string ShadowName(string version) => $"shadow {version}";

    private static LearningOutcome Skipped(int read, string reason) =>
        new(null, new Dictionary<string, PolicyEstimate>(), read, 0, 0, null, null, null, null, null, null, [], false, reason);
}
