namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// A candidate's paired difference from the active model (mean and lower bound), its estimate, whether it is the shadow
/// on trial, and — for a new candidate while there is a shadow — its mean paired difference from the shadow on the
/// held-out decisions.
/// </summary>
internal readonly record struct JudgedCandidate(double Mean, double Lower, PolicyEstimate Estimate, bool OnTrial, double OverShadow = 0);
