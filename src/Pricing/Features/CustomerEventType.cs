namespace OrleansPricing.Pricing.Features;

public enum CustomerEventType
{
    View = 0,
    Cart = 1,
    Purchase = 2,
}
