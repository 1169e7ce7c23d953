namespace OrleansPricing.Contracts.Customers;

/// <summary>What a customer did, as the shop reports it.</summary>
public enum CustomerEventKind
{
    View = 0,
    Cart = 1,
    Purchase = 2,
}
