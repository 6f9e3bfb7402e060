using LaaWorkflow.Negotiation.Domain;

namespace LaaWorkflow.Negotiation.Api;

/// <summary>One target across a refresh: what it was in the previous version and what it is in this one.</summary>
public sealed class TargetChangeView
{
    /// <summary>The indicator code or local target text.</summary>
    public required string Indicator { get; init; }

    /// <summary>designated, statutory or local: a designated change needs the Government Office, the others only the partners concerned.</summary>
    public required TargetKind Kind { get; init; }

    /// <summary>unchanged, added, changed or dropped.</summary>
    public required TargetChangeKind Change { get; init; }

    /// <summary>The target in the previous version; null when added.</summary>
    public TargetView? Before { get; init; }

    /// <summary>The target in this version; null when dropped.</summary>
    public TargetView? After { get; init; }
}
