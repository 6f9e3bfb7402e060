using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Orchestrations;

namespace LaaWorkflow.Negotiation.Activities;

/// <summary>
/// One write to an agreement's read model, computed in the orchestrator so that a retried activity writes the same thing:
/// any of a timeline entry (added once, by its deterministic key), a change to the agreement row, a partner's state and
/// the current targets.
/// </summary>
internal sealed record ReadModelUpdate(
    string NegotiationId,
    TimelineEntry? Entry = null,
    AgreementPatch? Agreement = null,
    PartnerState? Partner = null,
    IReadOnlyList<Target>? Targets = null);

/// <summary>One entry of the append-only timeline.</summary>
/// <param name="At">Orchestration time of the event.</param>
/// <param name="Key">A business key unique within the negotiation (<c>r1:invited:police</c>); a retried write with the same key is a no-op.</param>
/// <param name="Kind">A short machine-readable kind.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="Text">What happened, in words.</param>
/// <param name="PartnerId">The partner concerned, if any.</param>
internal sealed record TimelineEntry(DateTime At, string Key, string Kind, AnswerSource Source, string Text, string? PartnerId = null);

/// <summary>Changes to the agreement row; null members are left as they are.</summary>
internal sealed record AgreementPatch(
    NegotiationPhase? Phase = null,
    int? Round = null,
    DateTime? NextDeadline = null,
    bool ClearNextDeadline = false,
    int? Endorsed = null,
    AgreementOutcome? Outcome = null,
    Uri? DocumentUrl = null,
    DateTime? SignOffDeadline = null);

/// <summary>A partner's whole consultation state (the delivery-problem flag is kept apart and never overwritten by it).</summary>
internal sealed record PartnerState(
    string PartnerId,
    PartnerStatus Status,
    int Round,
    DateTime? Deadline,
    DateTime? AnsweredAt = null,
    string? Comment = null,
    int EscalationLevel = 0,
    AnswerSource? Source = null);
