namespace OrleansPricing.Client.Validation;

/// <summary>Answers a request whose JSON body did not parse (400) or was too large (413) before its handler runs; one filter for every API.</summary>
public sealed class JsonBodyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is IJsonBody { Problem: { } problem })
            {
                return ValueTask.FromResult<object?>(problem);
            }
        }

        return next(context);
    }
}
