namespace OrleansPricing.Client.Requests;

public sealed record UpsertProductsResponse(int Upserted);
