using LaaWorkflow.Negotiation.Activities;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Orchestrations;

namespace LaaWorkflow.Negotiation.ReadModels;

/// <summary>The agreement row: the definition as started, where it stands now, and the ids of its later versions (refreshes).</summary>
internal sealed record AgreementSummaryRecord(
    string Id,
    DateTime CreatedAt,
    Agreement Definition,
    NegotiationPhase Phase,
    int Round,
    DateTime? NextDeadline,
    int Endorsed,
    AgreementOutcome? Outcome,
    Uri? DocumentUrl,
    IReadOnlyList<string>? Refreshes = null);

/// <summary>A partner row: the consultation state and whether delivery to the contact has failed.</summary>
internal sealed record PartnerRecord(PartnerState State, bool DeliveryProblem, string? DeliveryProblemDetail);

/// <summary>Everything stored about one agreement: one partition, read in one query.</summary>
internal sealed record AgreementRecord(
    AgreementSummaryRecord Summary,
    IReadOnlyList<PartnerRecord> Partners,
    IReadOnlyList<Target> Targets,
    IReadOnlyList<TimelineEntry> Timeline);

/// <summary>A page of agreement rows, newest first.</summary>
internal sealed record AgreementSummaryPage(IReadOnlyList<AgreementListRecord> Items, string? ContinuationToken);

/// <summary>One row of the list table.</summary>
internal sealed record AgreementListRecord(
    string Id,
    string Area,
    string GovernmentOffice,
    NegotiationPhase Phase,
    DateTime CreatedAt,
    DateTime? NextDeadline,
    int Endorsed,
    int Partners);
