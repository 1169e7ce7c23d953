using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansPricing.Client.Requests;
using OrleansPricing.Contracts.Customers;
using OrleansPricing.Contracts.Orders;

namespace OrleansPricing.Client.Hosting;

/// <summary>
/// Source-generated JSON metadata for the storefront's hot path — quotes, events, orders — so the gateway does not build
/// it by reflection at first use. The gateway's options (names, strict numbers, unknown members refused, enums as
/// strings) still apply: this context is the first resolver of those options, reflection the fallback for the rest.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(QuoteHttpRequest))]
[JsonSerializable(typeof(QuoteResponse))]
[JsonSerializable(typeof(List<EventRequest?>))]
[JsonSerializable(typeof(AcceptedEventsResponse))]
[JsonSerializable(typeof(OrderHttpRequest))]
[JsonSerializable(typeof(OrderOutcome))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
