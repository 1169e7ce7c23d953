using System.Text.Json;
using OrleansPricing.Pricing.Features;
using OrleansPricing.Pricing.Models;

namespace OrleansPricing.Grains.Scoring;

/// <summary>Checks that a model card describes a model the scoring pool can serve: this build's feature definition, in order.</summary>
public static class ModelCardCheck
{
    /// <summary>
    /// The card's model id, learner and kind (null when it names none: the kind is what the learning service refits a
    /// promoted shadow of) when the pool can serve it; else null, with <paramref name="error"/> saying why.
    /// </summary>
    public static (string ModelId, string Learner, string? Kind)? Problem(string cardJson, out string? error)
    {
        error = null;
        try
        {
            using var card = JsonDocument.Parse(cardJson);
            var root = card.RootElement;
            var definition = root.TryGetProperty("featureDefinition", out var d) ? d.GetString() : null;
            if (definition != FeatureDefinition.Version)
            {
                error = $"The card's featureDefinition is '{definition}'; this cluster serves '{FeatureDefinition.Version}'.";
                return null;
            }

            if (!root.TryGetProperty("input", out var input)
                || !input.TryGetProperty("width", out var width) || width.GetInt32() != FeatureDefinition.Count
                || !input.TryGetProperty("featureOrder", out var order)
                || !order.EnumerateArray().Select(name => name.GetString()).SequenceEqual(FeatureDefinition.Names))
            {
                error = $"The card's input must be {FeatureDefinition.Count} features in the order of {FeatureDefinition.Version} (docs/features.md).";
                return null;
            }

            return (root.TryGetProperty("modelId", out var id) ? id.GetString() ?? "model" : "model",
                root.TryGetProperty("learner", out var learner) ? learner.GetString() ?? "" : "",
                root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String ? kind.GetString() : null);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            error = $"The model card is not valid JSON of the expected shape: {exception.Message}";
            return null;
        }
    }

    /// <summary>
    /// The kind the learning service may learn <paramref name="version"/> again as, from every decision, once it is
    /// promoted: its card's kind when the service learned it (<see cref="LearnedVersions"/>); null for an upload, which
    /// is served as it is whatever its card says.
    /// </summary>
    public static string? RefitKind(string version, string cardJson) =>
        LearnedVersions.IsLearned(version) ? Problem(cardJson, out _)?.Kind : null;
}
