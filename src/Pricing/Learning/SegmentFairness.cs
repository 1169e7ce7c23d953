namespace OrleansPricing.Pricing.Learning;

/// <summary>One customer segment on the held-out decisions: how often it bought, and the mean discount logged, offered by the active model's policy and by the candidate's.</summary>
public sealed record SegmentFairness(string Segment, int Decisions, double ConversionRate, double LoggedMeanDiscount, double ActiveMeanDiscount, double CandidateMeanDiscount);
