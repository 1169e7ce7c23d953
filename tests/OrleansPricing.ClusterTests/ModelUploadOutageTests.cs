using OrleansPricing.Contracts.Scoring;

namespace OrleansPricing.ClusterTests;

[Collection(ClusterCollection.Name)]
public sealed class ModelUploadOutageTests(ClusterFixture fixture)
{
    private static readonly string ModelPath = Path.Combine(AppContext.BaseDirectory, "models", "lightgbm-purchase-3.0.0.onnx");

    [Fact]
    public async Task A_model_upload_whose_write_failed_is_not_listed_and_its_retry_stores_it_once()
    {
        var registry = fixture.Grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.Default);
        var upload = new ModelUpload("outage-upload", File.ReadAllBytes(ModelPath), File.ReadAllText(Path.ChangeExtension(ModelPath, ".card.json")));

        FailingGrainStorage.FailWrites(registry.GetGrainId());
        try
        {
            await Assert.ThrowsAsync<OrleansException>(() => registry.UploadAsync(upload));
        }
        finally
        {
            FailingGrainStorage.AllowWrites(registry.GetGrainId());
        }

        Assert.DoesNotContain((await registry.GetAsync()).Versions, version => version.Version == "outage-upload");
        Assert.True((await registry.UploadAsync(upload)).Ok);
        Assert.Single((await registry.GetAsync()).Versions, version => version.Version == "outage-upload");
    }
}
