using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansPricing.Client.Validation;

/// <summary>
/// Reads a time only when it says its UTC offset ("2026-11-28T10:00:00Z" or "+01:00"). Why: without one, System.Text.Json
/// reads it in the gateway's own time zone, so two gateways set to different zones would file the same event or campaign
/// hours apart; the client knows which zone it meant, the gateway cannot.
/// </summary>
public sealed class OffsetRequiredConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
        {
            throw new JsonException("The JSON value is not an ISO 8601 time such as 2026-11-28T10:00:00Z.");
        }

        // TryGetDateTime keeps what the text said of its zone: Unspecified when it named none.
        if (reader.TryGetDateTime(out var local) && local.Kind == DateTimeKind.Unspecified)
        {
            throw new JsonException($"The time {reader.GetString()} has no UTC offset: add one, such as Z for UTC (e.g. 2026-11-28T10:00:00Z).");
        }

        return value;
    }

    /// <summary>As System.Text.Json writes it without this converter.</summary>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
