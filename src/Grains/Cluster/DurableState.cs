namespace OrleansPricing.Grains.Cluster;

/// <summary>
/// How every grain writes its state. A grain changes its state in memory, then writes it; when the write fails
/// (time-out, throttling, a row too large) the activation holds a change that storage never got, and a retry would be
/// answered from it — "already applied" — and then lost on the next activation. So a failed write deactivates the grain
/// (the next call reloads what storage has) and the failure goes to the caller, who retries against the stored state.
/// </summary>
public static class DurableState
{
    /// <param name="deactivate">The grain's <c>DeactivateOnIdle</c>.</param>
    public static Task WriteOrDiscardAsync<TState>(this IPersistentState<TState> state, Action deactivate) =>
        DiscardOnFailureAsync(state.WriteStateAsync, deactivate);

    /// <inheritdoc cref="WriteOrDiscardAsync{TState}"/>
    public static Task ClearOrDiscardAsync<TState>(this IPersistentState<TState> state, Action deactivate) =>
        DiscardOnFailureAsync(state.ClearStateAsync, deactivate);

    private static async Task DiscardOnFailureAsync(Func<Task> write, Action deactivate)
    {
        try
        {
            await write();
        }
        catch
        {
            deactivate();
            throw;
        }
    }
}
