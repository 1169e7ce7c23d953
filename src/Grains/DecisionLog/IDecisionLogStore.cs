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

    /// <summary>Appends whole rows; <paramref name="rows"/> is read only until the returned task completes (the writer reuses its buffer).</summary>
    Task AppendAsync(DecisionLogKind kind, string silo, ReadOnlyMemory<char> rows, CancellationToken cancellationToken);

    /// <summary>
    /// Every silo's decisions made since <paramref name="since"/> in the newest hours that hold at least
    /// <paramref name="newestLabelled"/> labelled decisions, joined with purchases and labelled as of <paramref name="now"/>
    /// (<see cref="DecisionLogFolder.ReadNewestAsync"/>): the files of older hours are not read.
    /// </summary>
    Task<IReadOnlyList<DecisionRecord>> ReadAsync(DateTimeOffset now, TimeSpan quoteTimeToLive, DateTimeOffset since, int newestLabelled, CancellationToken cancellationToken);
}
