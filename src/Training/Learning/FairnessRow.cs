namespace OrleansPricing.Training.Learning;

/// <summary>How the targeting policy treats one group of a protected attribute.</summary>
public sealed record FairnessRow(string Policy, string Attribute, string Group, int Count, double TargetingRate, double AverageDiscount, double PurchaseRate);
