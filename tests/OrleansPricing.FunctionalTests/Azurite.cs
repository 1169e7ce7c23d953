using Azure.Data.Tables;

namespace OrleansPricing.FunctionalTests;

/// <summary>
/// The Azure Table storage these tests run against: Azurite, started by ./test.sh, which passes its connection string in
/// PRICING_TEST_STORAGE. Without it the tests fail with a message saying so; they never pass silently.
/// </summary>
public static class Azurite
{
    public const string ConnectionStringVariable = "PRICING_TEST_STORAGE";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";

    public static async Task EnsureRunningAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await foreach (var _ in new TableServiceClient(ConnectionString).QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token))
            {
                break;
            }
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            throw new InvalidOperationException(
                $"Azure Table storage (Azurite) is not reachable with {ConnectionStringVariable}='{ConnectionString}'. " +
                "Run the suite with ./test.sh, which installs and starts Azurite.", exception);
        }
    }
}
