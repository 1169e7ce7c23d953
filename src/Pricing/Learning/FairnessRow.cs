namespace OrleansPricing.Pricing.Learning;

/// <summary>
/// One group of customers on the held-out decisions — a segment (<see cref="Dimension"/> "segment") or a value of a
/// protected attribute the shop registered (e.g. "gender") — with how often it bought, and the mean discount logged,
/// offered by the active model's policy and by the candidate's.
/// </summary>
public sealed record FairnessRow(
    string Dimension, string Group, int Decisions, double ConversionRate, double LoggedMeanDiscount, double ActiveMeanDiscount, double CandidateMeanDiscount);
