using LaaWorkflow.Negotiation.Domain;

namespace LaaWorkflow.Negotiation.Orchestrations;

/// <summary>The agreement orchestration's input.</summary>
internal sealed record AgreementInput(string NegotiationId, DateTime CreatedAt, Agreement Agreement);

/// <summary>How a negotiation ended: the agreement orchestration's output.</summary>
internal sealed record AgreementOutcome(NegotiationPhase Phase, DateTime At, string Summary, IReadOnlyList<string> Reasons, Uri? DocumentUrl = null);

/// <summary>One partner's consultation in one round: the partner sub-orchestration's input.</summary>
internal sealed record PartnerConsultationInput(
    string NegotiationId,
    int Round,
    Partner Partner,
    AgreementHeader Header,
    Contact LspLead,
    IReadOnlyList<Target> Targets,
    DateTime ResponseDeadline,
    IReadOnlyList<int> ReminderDaysBefore,
    int EscalationEveryDays,
    DateTime? StartedAt = null)
{
    /// <summary>The negotiation's calendar (null: real time), carried by the header every email has.</summary>
    public Pace? Pace => Header.Pace;
}

/// <summary>What every email and the document need to say which agreement they are about.</summary>
/// <remarks>Times are business times; <see cref="Pace"/> (null for a real negotiation) says when they fall in real time.</remarks>
/// <remarks><c>MultiArea</c> is true for a Multi-Area Agreement (false in headers sent before it was added).</remarks>
internal sealed record AgreementHeader(
    string Area, string ResponsibleAuthority, string GovernmentOffice, string Period, DateTime SignOffDeadline, Pace? Pace = null, bool MultiArea = false,
    string? Version = null)
{
    public static AgreementHeader From(Agreement agreement) => new(
        agreement.Area, agreement.ResponsibleAuthority, agreement.GovernmentOffice, agreement.Period, agreement.Timetable.SignOffDeadline, agreement.Pace,
        agreement.MultiArea is not null, agreement.Refresh is null ? null : Domain.Refresh.Label(agreement));
}

/// <summary>
/// How one partner's consultation in one round ended; <c>At</c> is the business instant it ended (the answer's
/// arrival, the sign-off deadline, a withdrawal), null in outcomes recorded before it was sent.
/// </summary>
internal sealed record PartnerOutcome(string PartnerId, int Round, PartnerStatus Status, DateTime? AnsweredAt, string? Comment, AnswerSource? Source, int EscalationLevel, DateTime? At = null);

/// <summary>The custom status the agreement orchestration publishes while it runs.</summary>
internal sealed record AgreementStatus(
    NegotiationPhase Phase,
    int Round,
    int Partners,
    int Endorsed,
    int Objected,
    int ChangesRequested,
    IReadOnlyList<string> Outstanding,
    DateTime? NextDeadline);
