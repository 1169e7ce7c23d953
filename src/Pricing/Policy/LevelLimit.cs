namespace OrleansPricing.Pricing.Policy;

/// <summary>Why a discount level may not be offered (<see cref="DiscountOptimizer.LimitOf"/>).</summary>
public enum LevelLimit
{
    None = 0,
    ProductMaximum = 1,
    FloorPrice = 2,
    OfferMaximum = 3,
}
