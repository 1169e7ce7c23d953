using OrleansPricing.Pricing.DecisionLog;

namespace OrleansPricing.Grains.DecisionLog;

/// <summary>
/// Where the silos' decision logs live: a local folder (the embedded default) or Azure blob storage (with a storage
/// account configured, so a silo that dies leaves what it flushed behind). Rows arrive as CSV text without a header;
/// the store adds the header to every file or blob it starts.
/// </summary>
public interface IDecisionLogStore
{
    /// <summary>For log messages: where the rows go.</summary>
    string Location { get; }

    /// <summary>Prepares this silo's files (e.g. moves aside files of an older schema). Throws when the store cannot be written.</summary>
    Task OpenAsync(string silo, CancellationToken cancellationToken);

    Task AppendAsync(DecisionLogKind kind, string silo, string rows, CancellationToken cancellationToken);

    /// <summary>Every silo's decisions joined with purchases, labelled as of <paramref name="now"/> (see <see cref="DecisionLogFolder"/>).</summary>
    Task<IReadOnlyList<DecisionRecord>> ReadAsync(DateTimeOffset now, TimeSpan quoteTimeToLive, CancellationToken cancellationToken);
}
