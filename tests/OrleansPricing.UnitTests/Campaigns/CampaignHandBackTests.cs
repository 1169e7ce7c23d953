using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansPricing.Contracts.Campaigns;
using OrleansPricing.Grains.Campaigns;
using OrleansPricing.Pricing.Campaigns;
using OrleansPricing.Pricing.Policy;

namespace OrleansPricing.UnitTests.Campaigns;

/// <summary>
/// A stopping silo's hand-back when the coordinator does not answer (the hand-back that does answer is tested on a real
/// cluster: ClusterResilienceTests). The coordinator and directory are fakes: only their silence is under test.
/// </summary>
public sealed class CampaignHandBackTests
{
    [Fact]
    public async Task A_coordinator_that_never_answers_holds_the_shutdown_only_until_its_timeout_and_quotes_stop_asking()
    {
        var coordinator = new SilentAfterFirstLease();
        var logs = new FakeLogger<CampaignServing>();
        var serving = Serving(coordinator, logs);
        await serving.RefreshNowAsync();
        var campaign = Assert.Single(await serving.ActiveAsync());
        Assert.Equal(100m, campaign.Budget.Balance);

        using var shutdownTimeout = new CancellationTokenSource();
        var handBack = serving.HandBackAsync(shutdownTimeout.Token);
        Assert.False(handBack.IsCompleted);
        Assert.Equal(2, coordinator.Calls);

        // A quote while it stops takes what the lease holds and asks the coordinator for nothing more.
        await serving.FundAsync(campaign, wanted: 500m).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, coordinator.Calls);

        await shutdownTimeout.CancelAsync();
        await handBack.WaitAsync(TimeSpan.FromSeconds(10));
        var warning = Assert.Single(logs.Collector.GetSnapshot(), record => record.Level == LogLevel.Warning);
        Assert.Equal(4004, warning.Id.Id);
        Assert.Contains(serving.Holder, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stop_without_grace_makes_no_call()
    {
        var coordinator = new SilentAfterFirstLease();
        var serving = Serving(coordinator, new FakeLogger<CampaignServing>());
        await serving.RefreshNowAsync();

        await serving.HandBackAsync(new CancellationToken(canceled: true)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, coordinator.Calls);
    }

    private static CampaignServing Serving(SilentAfterFirstLease coordinator, FakeLogger<CampaignServing> logs) => new(
        // CampaignServing asks the grain factory only for the directory and campaigns, and the silo only for its name.
        AnswerProxy.Of<IGrainFactory>(method => method is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } ? coordinator : throw new NotSupportedException(method.Name)),
        new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero)), Options.Create(new CampaignServingOptions()), Options.Create(new PricingOptions()),
        AnswerProxy.Of<ILocalSiloDetails>(method => method.Name == "get_Name" ? "silo-1" : throw new NotSupportedException(method.Name)), logs);

    private sealed class SilentAfterFirstLease : ICampaignGrain, ICampaignDirectoryGrain
    {
        private static readonly CampaignDefinition Definition = new(
            "hand-back", new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 8, 0, 0, 0, TimeSpan.Zero), 1000m, null,
            [0, 0.1], 100, 0.3, ["sku"], [], 0, 0, new Dictionary<string, int>());

        private int _calls;

        public int Calls => _calls;

        public Task<LeaseGrant> LeaseAsync(string holder, decimal target, decimal reserved = 0) =>
            Interlocked.Increment(ref _calls) == 1
                ? Task.FromResult(new LeaseGrant(100m, [], CampaignDuals.Zero, true, Definition))
                : new TaskCompletionSource<LeaseGrant>().Task;

        public Task<IReadOnlyList<string>> ListAsync(DateTimeOffset endedBefore) => Task.FromResult<IReadOnlyList<string>>(["hand-back"]);

        public Task RegisterAsync(string campaignId, DateTimeOffset end) => throw new NotSupportedException();

        public Task<CampaignCommandResult> SaveAsync(CampaignDefinition definition) => throw new NotSupportedException();

        public Task<CampaignCommandResult> SetPausedAsync(bool paused) => throw new NotSupportedException();

        public Task<CampaignView?> GetAsync() => throw new NotSupportedException();

        public Task<bool> CommitSaleAsync(CampaignSale sale) => throw new NotSupportedException();

        public Task ReverseSaleAsync(CampaignSale sale) => throw new NotSupportedException();
    }

    /// <summary>An interface whose every call is answered by one function: the grain factory and the silo's details here.</summary>
    public class AnswerProxy : DispatchProxy
    {
        private Func<MethodInfo, object?> _answer = null!;

        public static T Of<T>(Func<MethodInfo, object?> answer) where T : class
        {
            var proxy = Create<T, AnswerProxy>();
            ((AnswerProxy)(object)proxy)._answer = answer;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => _answer(targetMethod!);
    }
}
