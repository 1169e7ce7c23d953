using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace OrleansPricing.Client.Hosting;

/// <summary>
/// Mutual TLS between silos and between the gateway and the silos, when <c>Orleans:Tls:CertificatePath</c> names a
/// PKCS#12 file (password <c>Orleans:Tls:CertificatePassword</c>). Every host presents its certificate and requires
/// one from its peer: a peer is accepted when its certificate is this host's own (one cluster certificate, shared as
/// a secret) or chains to a root this host trusts. Without the setting, cluster traffic is plain TCP: keep it on a
/// private network.
/// </summary>
public sealed class ClusterTls
{
    public const string SectionName = "Orleans:Tls";

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>The certificate to use, or null when TLS is not configured.</summary>
    public static X509Certificate2? Certificate(IConfiguration configuration)
    {
        var settings = configuration.GetSection(SectionName).Get<ClusterTls>();
        if (settings?.CertificatePath is not { Length: > 0 } path)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Orleans:Tls:CertificatePath: no certificate file at '{path}'.");
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, settings.CertificatePassword);
    }

    /// <summary>Requires a certificate from every peer and accepts the cluster's own or a trusted one.</summary>
    public static void Configure(TlsOptions options, X509Certificate2 certificate)
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, _, errors) =>
            errors == SslPolicyErrors.None || remote.Thumbprint == certificate.Thumbprint;
        options.OnAuthenticateAsClient = (_, client) => client.TargetHost = certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
    }
}
