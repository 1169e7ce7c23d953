using OrleansPricing.Client.Hosting;

namespace OrleansPricing.UnitTests.Gateway;

public sealed class ClusterUnavailableHandlerTests
{
    [Fact]
    public void Unreachable_silos_and_timeouts_are_transient_and_bugs_are_not()
    {
        // What the gateway saw when a silo was killed (its constructors are not public).
        var rejected = (Exception)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(OrleansMessageRejectionException));
        Assert.True(ClusterUnavailableHandler.IsTransient(rejected));
        Assert.True(ClusterUnavailableHandler.IsTransient(new SiloUnavailableException()));
        Assert.True(ClusterUnavailableHandler.IsTransient(new TimeoutException()));
        Assert.True(ClusterUnavailableHandler.IsTransient(new InvalidOperationException("wrapped", new TimeoutException())));
        Assert.True(ClusterUnavailableHandler.IsTransient(new AggregateException(new TimeoutException(), new SiloUnavailableException())));

        Assert.False(ClusterUnavailableHandler.IsTransient(new InvalidOperationException("a bug")));
        Assert.False(ClusterUnavailableHandler.IsTransient(new AggregateException(new TimeoutException(), new ArgumentException())));
    }
}
