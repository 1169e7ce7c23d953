using OrleansPricing.Grains.Learning;

namespace OrleansPricing.UnitTests.Learning;

public sealed class LearningRunChangeTests
{
    [Theory]
    [InlineData(false, false, "kept", "Completed: the active model kept.", false)]
    [InlineData(true, false, "promoted", "Completed: promoted.", false)]
    [InlineData(true, true, "refreshed", "Completed: the active model refreshed.", true)]
    // A refresh the registry refused to activate leaves the active model serving: kept, not refreshed.
    [InlineData(false, true, "kept", "Completed: the active model kept.", false)]
    public void The_record_the_last_step_and_the_counter_say_the_same_of_what_a_run_changed(
        bool promoted, bool refreshedActive, string outcome, string lastStep, bool refreshed)
    {
        Assert.Equal(new LearningRunChange(outcome, lastStep, refreshed), LearningRunChange.Of(promoted, refreshedActive));
    }
}
