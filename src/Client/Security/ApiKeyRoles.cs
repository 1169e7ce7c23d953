namespace OrleansPricing.Client.Security;

/// <summary>
/// What a key may do, as the promotion engines split it. Management: everything. Integration (a storefront's backend):
/// send events, ask for quotes, place and read orders, read products. Each is also the authorization policy's name.
/// </summary>
public static class ApiKeyRoles
{
    public const string Management = "management";
    public const string Integration = "integration";

    public static IReadOnlyList<string> All { get; } = [Management, Integration];
}
