namespace OrleansPricing.Client.Requests;

/// <summary>All <see cref="Accepted"/> events are durable; duplicates and too-late events were recognized and not re-applied.</summary>
public sealed record AcceptedEventsResponse(int Accepted, int Applied, int Duplicates, int TooLate);
