using Azure;
using Azure.Storage.Blobs;
using OrleansPricing.Grains.Cluster;

namespace OrleansPricing.Grains.Scoring;

/// <summary>
/// Model files in blob storage, named by their SHA-256: Azure Table holds at most 1 MB per row, so on a cluster with a
/// blob endpoint the registry keeps only each version's metadata and card in its state and the ONNX bytes here.
/// One container per service id.
/// </summary>
public sealed class ModelPackageBlobs(BlobContainerClient container)
{
    public static string ContainerName(string serviceId) => ServiceContainers.Name("models", serviceId);

    public async Task SaveAsync(string sha256, byte[] onnx)
    {
        await container.CreateIfNotExistsAsync();
        try
        {
            await container.GetBlobClient(BlobName(sha256)).UploadAsync(new BinaryData(onnx), overwrite: false);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // Named by content: the same bytes are already there.
        }
    }

    public async Task<byte[]?> LoadAsync(string sha256)
    {
        try
        {
            return (await container.GetBlobClient(BlobName(sha256)).DownloadContentAsync()).Value.Content.ToArray();
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public Task DeleteAsync(string sha256) => container.GetBlobClient(BlobName(sha256)).DeleteIfExistsAsync();

    private static string BlobName(string sha256) => $"{sha256}.onnx";
}
