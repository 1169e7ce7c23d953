namespace OrleansPricing.ClusterTests;

/// <summary>Registers and removes a reminder: the fixture's proof that a silo's reminder service has finished starting.</summary>
public interface IReminderWarmUpGrain : IGrainWithGuidKey
{
    Task RegisterAndRemoveAsync();
}

public sealed class ReminderWarmUpGrain : Grain, IReminderWarmUpGrain, IRemindable
{
    public async Task RegisterAndRemoveAsync()
    {
        var reminder = await this.RegisterOrUpdateReminder("warm-up", TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
