using OrleansPricing.Pricing.Features;

namespace OrleansPricing.Pricing.Segmentation;

/// <summary>Assigns a customer to a segment. The rule-based one serves until the learned k-means segmentation replaces it.</summary>
public interface ICustomerSegmenter
{
    CustomerSegment Assign(CustomerFeatureSnapshot customer);
}
