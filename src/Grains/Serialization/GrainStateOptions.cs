using System.ComponentModel.DataAnnotations;

namespace OrleansPricing.Grains.Serialization;

/// <summary>How the silo writes grain state to its storage. Bound from configuration section <c>GrainState</c>.</summary>
public sealed class GrainStateOptions
{
    public const string SectionName = "GrainState";

    public const string Binary = "binary";

    public const string Json = "json";

    /// <summary>
    /// <c>binary</c> (default): Orleans' own serializer, the state types' <c>[Id]</c> members (version tolerant as the
    /// wire types are: members added or dropped, never renumbered); <c>json</c>: Newtonsoft.Json with type names, what
    /// Orleans writes by default and every version of this service before it. Both are read whatever this says
    /// (<see cref="GrainStateSerializer"/>). A silo of an earlier version cannot read a binary row: during a rolling
    /// upgrade from one, keep <c>json</c> until every silo runs this version (docs/architecture.md).
    /// </summary>
    [RegularExpression("binary|json")]
    public string Format { get; set; } = Binary;
}
