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
    IReadOnlyList<OfficeApproval>? OfficeApprovals = null);

/// <summary>One Government Office's approval of a multi-area agreement's final draft.</summary>
internal sealed record OfficeApproval(string Office, string Negotiator, DateTime ApprovedAt, string? Comment);

/// <summary>A partner's endorsement as the document records it.</summary>
internal sealed record Endorsement(string PartnerId, DateTime EndorsedAt, int Round, AnswerSource Source);
