using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansPricing.FunctionalTests;

/// <summary>Mutual TLS between the silo and the gateway with one cluster certificate; a host without it cannot join.</summary>
[Trait("Requires", "Azurite")]
public sealed class ClusterTlsTests : IAsyncLifetime
{
    private readonly PricingCluster _cluster = new();
    private readonly string _certificatePath = Path.Combine(Path.GetTempPath(), $"pricing-cluster-{Guid.NewGuid():N}.pfx");

    public async Task InitializeAsync()
    {
        await Azurite.EnsureRunningAsync();
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=orleans-pricing-cluster", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("orleans-pricing-cluster");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // server and client authentication
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllBytesAsync(_certificatePath, certificate.Export(X509ContentType.Pfx, "test-password"));
        _cluster.ExtraSettings["Orleans:Tls:CertificatePath"] = _certificatePath;
        _cluster.ExtraSettings["Orleans:Tls:CertificatePassword"] = "test-password";
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        File.Delete(_certificatePath);
    }

    [Fact]
    public async Task Silo_and_gateway_talk_over_mutual_tls_and_a_plain_client_cannot_join()
    {
        await _cluster.StartSiloAsync();
        var http = await _cluster.StartGatewayAsync();
        await http.PutProductsAsync(Api.Product("tls-sku"));
        var quote = await (await http.PostJsonAsync("/api/v1/quotes", new { customerId = "tls-customer", skus = new[] { "tls-sku" } })).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(quote["quotes"]!.AsArray());

        // The same gateway without the certificate: the silo refuses it in the handshake, so it never joins (it would keep
        // trying; the test gives up after 10 s).
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _cluster.StartGatewayAsync(new Dictionary<string, string?> { ["Orleans:Tls:CertificatePath"] = "" }, cancellationToken: patience.Token));
    }
}
