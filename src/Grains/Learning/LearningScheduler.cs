using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansPricing.Contracts.Learning;
using OrleansPricing.Pricing.Learning;

namespace OrleansPricing.Grains.Learning;

/// <summary>
/// Keeps the learning grain activated, so its timer runs: every silo touches it once a minute. When the silo that hosted
/// it dies, the next touch activates it on a survivor, which marks the interrupted run failed and schedules again.
/// </summary>
public sealed class LearningScheduler(IGrainFactory grains, IOptions<LearningOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<ILearningGrain>(ILearningGrain.Default).GetAsync();
            }
            catch (Exception exception) when (exception is OrleansException or TimeoutException)
            {
                // The cluster may still be forming; the next touch tries again.
            }

            try
            {
                await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
