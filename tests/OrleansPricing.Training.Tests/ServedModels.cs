using OrleansPricing.Pricing.Models;

namespace OrleansPricing.Training.Tests;

/// <summary>The model file the silo serves first, copied beside the test binaries: the truth of simulated decision logs.</summary>
public static class ServedModels
{
    public static LogisticResponseModel Prior { get; } =
        LogisticResponseModel.Load(Path.Combine(AppContext.BaseDirectory, "models", "logistic-v2.json"));
}
