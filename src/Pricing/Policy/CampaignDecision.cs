namespace OrleansPricing.Pricing.Policy;

/// <summary>The level a campaign quote chose, its Lagrangian value, and the probability with which it was chosen (for the decision log).</summary>
public sealed record CampaignDecision(int Level, double Discount, decimal Price, double PurchaseProbability, double Value, double Propensity, bool Explored);
