using System.Buffers.Text;
using System.Text;
using Microsoft.Extensions.Options;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Grains.Quotes;

namespace OrleansPricing.UnitTests.Quotes;

public sealed class QuoteSignerTests
{
    private static readonly QuoteSigningKey Old = new() { Id = "2026-05", Secret = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()) };
    private static readonly QuoteSigningKey New = new() { Id = "2026-06", Secret = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(100 + i)).ToArray()) };

    private static readonly QuoteClaims Claims = new(
        "q-1", "customer-1", "SKU-1", 40m, 34.5m, 0.15, 2, new CampaignHold("spring", "silo-a", 5.5m, 2, false), "onnx-response@learned-0001",
        new DateTimeOffset(2026, 6, 1, 9, 15, 0, TimeSpan.Zero));

    private static QuoteSigner Signer(string? active, params QuoteSigningKey[] keys) =>
        new(Options.Create(new QuoteSigningOptions { Keys = keys, ActiveKey = active }));

    [Fact]
    public void A_signed_quote_verifies_with_every_claim_intact()
    {
        var signer = Signer(null, Old);

        var token = signer.Sign(Claims);

        Assert.StartsWith("q1.2026-05.", token);
        Assert.True(signer.TryVerify(token, out var claims, out _));
        Assert.Equal(Claims, claims);
    }

    [Fact]
    public void Whether_the_level_was_an_exploration_draw_is_signed_with_the_quote()
    {
        var signer = Signer(null, Old);
        var explored = Claims with { Explored = true };

        Assert.True(signer.TryVerify(signer.Sign(explored), out var claims, out _));

        Assert.Equal(explored, claims);
        // Written only when set: a chosen level's token carries no mark at all.
        static string Payload(string token) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[2]));
        Assert.Contains("\"explored\":true", Payload(signer.Sign(explored)));
        Assert.DoesNotContain("explored", Payload(signer.Sign(Claims)));
    }

    [Fact]
    public void A_key_rotated_out_of_signing_still_verifies_what_it_signed()
    {
        var before = Signer(null, Old).Sign(Claims);
        var rotated = Signer("2026-06", Old, New);
        var retired = Signer(null, New);

        var after = rotated.Sign(Claims);

        Assert.StartsWith("q1.2026-06.", after);
        Assert.True(rotated.TryVerify(before, out var claims, out _));
        Assert.Equal(Claims, claims);
        Assert.True(rotated.TryVerify(after, out _, out _));
        Assert.False(retired.TryVerify(before, out _, out var error));
        Assert.Equal(QuoteTokenError.UnknownKey, error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("q1.2026-05.e30")]
    [InlineData("q2.2026-05.e30.AAAA")]
    [InlineData("q1.2026-05.!!!.AAAA")]
    public void Garbage_is_invalid(string token)
    {
        Assert.False(Signer(null, Old).TryVerify(token, out var claims, out var error));
        Assert.Null(claims);
        Assert.Equal(QuoteTokenError.Invalid, error);
    }

    [Fact]
    public void Changing_any_part_of_a_token_breaks_its_signature()
    {
        var signer = Signer(null, Old);
        var token = signer.Sign(Claims);

        // Flip every character of the claims and the signature in turn (to another base64url character).
        var payloadStart = token.IndexOf('.', 3) + 1;
        for (var i = payloadStart; i < token.Length; i++)
        {
            if (token[i] == '.')
            {
                continue;
            }

            var altered = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.False(signer.TryVerify(altered, out _, out var error), $"altered at {i} still verifies");
            Assert.Equal(QuoteTokenError.Invalid, error);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_token_cut_short_is_invalid_not_an_error(int cut)
    {
        var signer = Signer(null, Old);
        var token = signer.Sign(Claims);

        Assert.False(signer.TryVerify(token[..^cut], out var claims, out var error));
        Assert.Null(claims);
        Assert.Equal(QuoteTokenError.Invalid, error);
    }

    [Fact]
    public void Options_refuse_missing_weak_or_duplicate_keys()
    {
        static string[] Errors(QuoteSigningOptions options) =>
            [.. options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(result => result.ErrorMessage!)];

        Assert.StartsWith("QuoteSigning:Keys must hold at least one key", Errors(new QuoteSigningOptions()).Single());
        Assert.Equal(["QuoteSigning:Keys:0:Secret must be base64 of at least 32 bytes."],
            Errors(new QuoteSigningOptions { Keys = [new QuoteSigningKey { Id = "k", Secret = Convert.ToBase64String(new byte[16]) }] }));
        Assert.Equal(["QuoteSigning:Keys:1:Id '2026-05' is used by another key.", "QuoteSigning:ActiveKey 'nope' is not one of QuoteSigning:Keys."],
            Errors(new QuoteSigningOptions { Keys = [Old, Old], ActiveKey = "nope" }));
        var generated = new QuoteSigningOptions();
        generated.GenerateKeyWhenNone();
        Assert.Empty(Errors(generated));
    }
}
