using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansPricing.ClusterTests;

/// <summary>
/// The cluster's grain storage: memory storage whose writes (or reads) fail, for the grains a test names, until the test
/// lets them through again — a storage outage as a grain sees it. Counts the writes each grain's states get, and checks
/// that every state written reads back through the silo's state serializer as it was (compared as JSON, the format
/// before the binary one): a member the binary format left out would otherwise be lost at the next activation, silently.
/// </summary>
public sealed class FailingGrainStorage(IGrainStorage inner, IGrainStorageSerializer stateSerializer, OrleansJsonSerializer json) : IGrainStorage
{
    private readonly JsonGrainStorageSerializer _json = new(json);

    public const string InnerName = "cluster-tests-memory";

    private static readonly Dictionary<GrainId, (bool Poison, int Pass, int? Fail)> Failing = [];

    private static readonly HashSet<GrainId> FailingReads = [];

    private static readonly Dictionary<(GrainId Grain, string State), int> Written = [];

    /// <summary>Writes of <paramref name="grain"/>'s state named <paramref name="stateName"/> that storage took.</summary>
    public static int WritesOf(GrainId grain, string stateName)
    {
        lock (Written)
        {
            return Written.GetValueOrDefault((grain, stateName));
        }
    }

    /// <summary>Reads of <paramref name="grain"/>'s state fail, so it cannot activate: every call to it fails.</summary>
    public static void FailReads(GrainId grain)
    {
        lock (FailingReads)
        {
            FailingReads.Add(grain);
        }
    }

    public static void AllowReads(GrainId grain)
    {
        lock (FailingReads)
        {
            FailingReads.Remove(grain);
        }
    }

    /// <param name="poison">Fail as a write that can never succeed (e.g. a row over the size limit), not as a time-out.</param>
    /// <param name="after">Writes to let through first (e.g. 1: a product's reservation is stored, its commit is not).</param>
    /// <param name="times">Writes to fail, then let the rest through (a brief outage); every write while null.</param>
    public static void FailWrites(GrainId grain, bool poison = false, int after = 0, int? times = null)
    {
        lock (Failing)
        {
            Failing[grain] = (poison, after, times);
        }
    }

    public static void AllowWrites(GrainId grain)
    {
        lock (Failing)
        {
            Failing.Remove(grain);
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (FailingReads)
        {
            if (FailingReads.Contains(grainId))
            {
                throw new TimeoutException($"Storage did not answer reading {grainId} (a test's outage).");
            }
        }

        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (Failing)
        {
            if (Failing.TryGetValue(grainId, out var failing) && failing.Pass > 0)
            {
                Failing[grainId] = failing with { Pass = failing.Pass - 1 };
            }
            else if (Failing.TryGetValue(grainId, out var poison))
            {
                if (poison.Fail is { } left)
                {
                    Failing[grainId] = poison with { Fail = left - 1 };
                    if (left == 1)
                    {
                        Failing.Remove(grainId);
                    }
                }

                throw poison.Poison
                    ? new InvalidOperationException($"Storage refused the state of {grainId} (a test's poisoned write).")
                    : new TimeoutException($"Storage did not answer writing {grainId} (a test's outage).");
            }
        }

        AssertReadsBack(stateName, grainId, grainState.State);
        await inner.WriteStateAsync(stateName, grainId, grainState);
        lock (Written)
        {
            Written[(grainId, stateName)] = Written.GetValueOrDefault((grainId, stateName)) + 1;
        }
    }

    private void AssertReadsBack<T>(string stateName, GrainId grainId, T state)
    {
        var read = stateSerializer.Deserialize<T>(stateSerializer.Serialize(state));
        var (written, readBack) = (_json.Serialize(state).ToString(), _json.Serialize(read).ToString());
        if (written != readBack)
        {
            throw new InvalidOperationException($"The state '{stateName}' of {grainId} does not read back as written: {written} read back as {readBack}.");
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
