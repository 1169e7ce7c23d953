namespace OrleansPricing.Client.Validation;

/// <summary>Names the field of a JSON error the way the API's validation errors do.</summary>
public static class JsonBodyPath
{
    /// <summary>"$[2].listPrice" becomes "[2].listPrice"; the root becomes "body".</summary>
    public static string FieldOf(string? jsonPath)
    {
        var field = (jsonPath ?? "$").TrimStart('$').TrimStart('.');
        return field.Length == 0 ? "body" : field;
    }
}
