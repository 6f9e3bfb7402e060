using System.Text.Json.Serialization;

namespace LaaWorkflow.Negotiation.Domain;

/// <summary>The kind of an LAA target.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<TargetKind>))]
public enum TargetKind
{
    /// <summary>One of at most 35 improvement targets drawn from the National Indicator Set.</summary>
    Designated,

    /// <summary>A statutory education or early-years target.</summary>
    Statutory,

    /// <summary>A local target of the area's own, not performance-managed by government.</summary>
    Local,
}
