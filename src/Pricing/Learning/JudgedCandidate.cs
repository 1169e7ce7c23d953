namespace OrleansPricing.Pricing.Learning;

/// <summary>A candidate's paired difference from the active model (mean and lower bound), its estimate, and whether it is the shadow on trial.</summary>
internal readonly record struct JudgedCandidate(double Mean, double Lower, PolicyEstimate Estimate, bool OnTrial);
