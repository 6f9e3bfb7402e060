using System.Text.Json.Serialization;

namespace LaaWorkflow.Negotiation.Domain;

/// <summary>A partner's standing in the current consultation round.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<PartnerStatus>))]
public enum PartnerStatus
{
    /// <summary>Not consulted yet (consultation has not opened).</summary>
    Pending,

    /// <summary>Invited, no answer yet.</summary>
    Invited,

    /// <summary>Reminded at least once, no answer yet.</summary>
    Reminded,

    /// <summary>Past the deadline and escalated up the partner's ladder.</summary>
    Escalated,

    /// <summary>Endorsed the draft.</summary>
    Endorsed,

    /// <summary>Objected, with a reason.</summary>
    Objected,

    /// <summary>Asked for changes, with a comment.</summary>
    ChangesRequested,

    /// <summary>Never answered.</summary>
    NoResponse,
}
