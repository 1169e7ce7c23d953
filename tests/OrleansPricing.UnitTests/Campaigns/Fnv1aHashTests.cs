using OrleansPricing.Pricing.Campaigns;

namespace OrleansPricing.UnitTests.Campaigns;

public sealed class Fnv1aHashTests
{
    /// <summary>Published FNV-1a 32-bit test vectors: holdout arms and exploration draws must never move.</summary>
    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Matches_the_reference_vectors(string text, uint expected) => Assert.Equal(expected, Fnv1aHash.Of(text));
}
