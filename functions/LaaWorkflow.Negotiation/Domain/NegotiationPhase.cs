using System.Text.Json.Serialization;

namespace LaaWorkflow.Negotiation.Domain;

/// <summary>Where a negotiation stands in the LAA timetable.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<NegotiationPhase>))]
public enum NegotiationPhase
{
    /// <summary>Started; consultation has not opened yet.</summary>
    Draft,

    /// <summary>Partners are being consulted on the draft.</summary>
    Consultation,

    /// <summary>Waiting for the LSP lead's revision of the targets.</summary>
    Revision,

    /// <summary>Every partner has endorsed; waiting for the Government Office decision.</summary>
    GovernmentOffice,

    /// <summary>Approved and signed off.</summary>
    Finalised,

    /// <summary>The sign-off deadline passed before the agreement was approved.</summary>
    DeadlineMissed,

    /// <summary>Withdrawn by an admin.</summary>
    Withdrawn,
}

/// <summary>Phase helpers.</summary>
public static class NegotiationPhaseExtensions
{
    /// <summary>True once the negotiation has ended and accepts no more answers or actions.</summary>
    public static bool IsTerminal(this NegotiationPhase phase) =>
        phase is NegotiationPhase.Finalised or NegotiationPhase.DeadlineMissed or NegotiationPhase.Withdrawn;
}
