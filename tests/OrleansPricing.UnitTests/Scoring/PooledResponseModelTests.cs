using OrleansPricing.Grains.Scoring;
using OrleansPricing.Scoring;

namespace OrleansPricing.UnitTests.Scoring;

public sealed class PooledResponseModelTests
{
    private static OnnxScorer Load(string version) => OnnxScorer.Load(
        File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "models", "lightgbm-purchase-3.0.0.onnx")), version, new ScoringOptions { ExecutionProvider = "cpu" });

    [Fact]
    public void Its_info_names_the_active_version_and_is_built_anew_only_when_that_changes()
    {
        using var active = new ActiveModel();
        // Info never calls the pool, so no grain factory is needed to read it.
        var model = new PooledResponseModel(null!, active);

        var none = model.Info;
        active.Activate(Load("learned-0001"));
        var first = model.Info;
        var again = model.Info;
        active.Activate(Load("learned-0002"));
        var second = model.Info;

        Assert.Equal("onnx-response@none", none.Name);
        Assert.Equal("onnx-response@learned-0001", first.Name);
        Assert.Same(first, again);
        Assert.Equal("onnx-response@learned-0002", second.Name);
    }
}
