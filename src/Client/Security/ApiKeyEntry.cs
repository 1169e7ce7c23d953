namespace OrleansPricing.Client.Security;

/// <summary>One API key as configured: who holds it, what it may do, and the SHA-256 of the key (hex) — never the key.</summary>
public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";

    /// <summary><see cref="ApiKeyRoles.Management"/> or <see cref="ApiKeyRoles.Integration"/>.</summary>
    public string Role { get; set; } = "";

    public string Sha256 { get; set; } = "";
}
