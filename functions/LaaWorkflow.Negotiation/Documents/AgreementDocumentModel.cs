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
    string? ApprovalComment);

/// <summary>A partner's endorsement as the document records it.</summary>
internal sealed record Endorsement(string PartnerId, DateTime EndorsedAt, int Round, AnswerSource Source);
