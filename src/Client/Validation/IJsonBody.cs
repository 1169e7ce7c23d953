namespace OrleansPricing.Client.Validation;

/// <summary>What <see cref="JsonBodyFilter"/> needs of any body: the problem that stopped it, if one did.</summary>
public interface IJsonBody
{
    IResult? Problem { get; }
}
