namespace OrleansPricing.Scoring;

/// <summary>
/// The model a silo serves now, swappable while requests are in flight: a batch takes a lease on the current scorer
/// and the scorer it replaced is disposed only when its last lease is returned, so a swap never fails a request.
/// A shadow model, when set, scores the same batches and its predictions are compared and logged; it prices only the
/// quotes on trial (<see cref="MicroBatcher.ScoreAsync(float[], bool, TimeSpan?)"/>).
/// </summary>
public sealed class ActiveModel : IDisposable
{
    private readonly Lock _gate = new();
    private Entry? _active;
    private Entry? _shadow;

    public string? ActiveVersion => _active?.Scorer.Version;

    public string? ShadowVersion => _shadow?.Scorer.Version;

    public ExecutionProviderChoice? Provider => _active?.Scorer.Provider;

    public void Activate(OnnxScorer scorer) => Replace(ref _active, scorer);

    public void SetShadow(OnnxScorer? scorer) => Replace(ref _shadow, scorer);

    /// <returns>Leases on the active (required) and shadow (optional) scorers; dispose to return them.</returns>
    public Leases Acquire()
    {
        lock (_gate)
        {
            var active = _active ?? throw new NoModelServedException("No scoring model is active on this silo yet.");
            active.References++;
            var shadow = _shadow;
            if (shadow is not null)
            {
                shadow.References++;
            }

            return new Leases(this, active, shadow);
        }
    }

    private void Replace(ref Entry? slot, OnnxScorer? scorer)
    {
        Entry? retired;
        lock (_gate)
        {
            retired = slot;
            slot = scorer is null ? null : new Entry(scorer);
            if (retired is not null)
            {
                retired.Retired = true;
                if (retired.References > 0)
                {
                    retired = null; // the last lease disposes it
                }
            }
        }

        retired?.Scorer.Dispose();
    }

    private void Release(Entry entry)
    {
        bool dispose;
        lock (_gate)
        {
            entry.References--;
            dispose = entry.Retired && entry.References == 0;
        }

        if (dispose)
        {
            entry.Scorer.Dispose();
        }
    }

    public void Dispose()
    {
        Replace(ref _active, null);
        Replace(ref _shadow, null);
    }

    internal sealed class Entry(OnnxScorer scorer)
    {
        public OnnxScorer Scorer { get; } = scorer;
        public int References { get; set; }
        public bool Retired { get; set; }
    }

    public readonly struct Leases : IDisposable
    {
        private readonly ActiveModel _owner;
        private readonly Entry _active;
        private readonly Entry? _shadow;

        internal Leases(ActiveModel owner, Entry active, Entry? shadow)
        {
            _owner = owner;
            _active = active;
            _shadow = shadow;
        }

        public OnnxScorer Active => _active.Scorer;

        public OnnxScorer? Shadow => _shadow?.Scorer;

        public void Dispose()
        {
            _owner.Release(_active);
            if (_shadow is not null)
            {
                _owner.Release(_shadow);
            }
        }
    }
}
