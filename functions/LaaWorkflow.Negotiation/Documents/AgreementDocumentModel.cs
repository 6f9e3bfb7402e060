using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Orchestrations;

namespace LaaWorkflow.Negotiation.Documents;

/// <summary>Everything the signed-off agreement document shows.</summary>
internal sealed record AgreementDocumentModel(
    string NegotiationId,
    AgreementHeader Header,
    Contact LspLead,
    Contact GovernmentOfficeNegotiator,
    IReadOnlyList<Partner> Partners,
    IReadOnlyList<Target> Targets,
    IReadOnlyList<Endorsement> Endorsements,
    DateTime ApprovedAt,
    string? ApprovalComment,
    MultiArea? MultiArea = null,
    IReadOnlyList<OfficeApproval>? OfficeApprovals = null,
    RefreshDocument? Refresh = null);

/// <summary>One Government Office's approval of a multi-area agreement's final draft.</summary>
internal sealed record OfficeApproval(string Office, string Negotiator, DateTime ApprovedAt, string? Comment);

/// <summary>
/// What a yearly refresh's document adds: the version it names itself as, the version it refreshes, every target of
/// both with what changed, and whether the Government Office decided (only when a designated target changed).
/// </summary>
internal sealed record RefreshDocument(string Label, string PreviousId, string PreviousLabel, IReadOnlyList<TargetChange> Changes, bool GovernmentOfficeDecided);

/// <summary>A partner's endorsement as the document records it.</summary>
internal sealed record Endorsement(string PartnerId, DateTime EndorsedAt, int Round, AnswerSource Source);
