namespace OrleansPricing.Pricing.Features;

public enum EventAdmission
{
    Accepted = 0,
    Duplicate = 1,

    /// <summary>Older than the de-duplication window: it could be a replay we no longer remember, so it is not applied.</summary>
    TooLate = 2,
}
