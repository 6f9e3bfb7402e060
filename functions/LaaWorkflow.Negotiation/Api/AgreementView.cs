using LaaWorkflow.Negotiation.Domain;

namespace LaaWorkflow.Negotiation.Api;

/// <summary>The agreement as it stands: the body of <c>GET /api/negotiations/{id}</c>.</summary>
public sealed class AgreementView
{
    /// <summary>The negotiation id (also its orchestration instance id).</summary>
    public required string Id { get; init; }

    /// <summary>The area.</summary>
    public required string Area { get; init; }

    /// <summary>The responsible local authority.</summary>
    public required string ResponsibleAuthority { get; init; }

    /// <summary>The Government Office region.</summary>
    public required string GovernmentOffice { get; init; }

    /// <summary>The three-year period.</summary>
    public required string Period { get; init; }

    /// <summary><c>local-area</c> or <c>multi-area</c>.</summary>
    public string Kind { get; init; } = Validation.NegotiationValidator.LocalAreaKind;

    /// <summary>A multi-area agreement's themes; absent for an LAA.</summary>
    public IReadOnlyList<string>? Themes { get; init; }

    /// <summary>A multi-area agreement's authorities, each with its endorsement; absent for an LAA.</summary>
    public IReadOnlyList<AuthorityView>? Authorities { get; init; }

    /// <summary>A multi-area agreement's Government Offices, each with its decision on the current submission; absent for an LAA.</summary>
    public IReadOnlyList<GovernmentOfficeView>? GovernmentOffices { get; init; }

    /// <summary>Where the negotiation stands.</summary>
    public required NegotiationPhase Phase { get; init; }

    /// <summary>The orchestration's runtime status (<c>Running</c>, <c>Completed</c>, ...), or null when the runtime does not know the instance.</summary>
    public string? RuntimeStatus { get; init; }

    /// <summary>The current consultation round (1 for the first).</summary>
    public required int Round { get; init; }

    /// <summary>When the negotiation was started.</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>Every partner's standing.</summary>
    public required IReadOnlyList<PartnerView> Partners { get; init; }

    /// <summary>The current targets.</summary>
    public required IReadOnlyList<TargetView> Targets { get; init; }

    /// <summary>What happened when, oldest first.</summary>
    public required IReadOnlyList<TimelineEntryView> Timeline { get; init; }

    /// <summary>The next deadline the negotiation is waiting on, if any.</summary>
    public DateTime? NextDeadline { get; init; }

    /// <summary>The timetable as it stands.</summary>
    public required TimetableView Timetable { get; init; }

    /// <summary>A rehearsal's calendar; absent for a real negotiation.</summary>
    public PaceView? Pace { get; init; }

    /// <summary>A rehearsal's business time when this view was read; absent for a real negotiation.</summary>
    public DateTime? Now { get; init; }

    /// <summary>How the negotiation ended, once it has.</summary>
    public OutcomeView? Outcome { get; init; }

    /// <summary>The signed-off agreement document, once finalised.</summary>
    public Uri? DocumentUrl { get; init; }

    /// <summary>1 for the original agreement, 2 for its first yearly refresh, and so on.</summary>
    public int Version { get; init; } = 1;

    /// <summary>How the version names itself: "2008 agreement", "2009 refresh of the 2008 agreement".</summary>
    public string? VersionLabel { get; init; }

    /// <summary>For a refresh: the id of the version it refreshes.</summary>
    public string? RefreshOf { get; init; }

    /// <summary>The ids of the refreshes started from this version, oldest first.</summary>
    public IReadOnlyList<string> Refreshes { get; init; } = [];

    /// <summary>For a refresh: every target of both versions with what the refresh did to it; null for an original agreement.</summary>
    public IReadOnlyList<TargetChangeView>? Changes { get; init; }
}

/// <summary>The timetable as it stands: the sign-off deadline is the extended one once it has been moved.</summary>
public sealed class TimetableView
{
    /// <summary>When the partners are invited.</summary>
    public required DateTime ConsultationOpens { get; init; }

    /// <summary>When the first round's answers are due.</summary>
    public required DateTime ResponseDeadline { get; init; }

    /// <summary>When the agreement must be signed off.</summary>
    public required DateTime SignOffDeadline { get; init; }

    /// <summary>Days before an answer deadline on which outstanding partners are reminded.</summary>
    public required IReadOnlyList<int> ReminderDaysBefore { get; init; }

    /// <summary>Days between escalations, and between chases of an LSP lead whose revision is awaited.</summary>
    public required int EscalationEveryDays { get; init; }

    /// <summary>Days before the sign-off deadline on which the lead and the Government Office are warned.</summary>
    public required IReadOnlyList<int> SignOffWarningDaysBefore { get; init; }
}

/// <summary>A rehearsal's calendar: <see cref="Anchor"/> at the real instant <see cref="StartedAt"/>, a day every <see cref="SecondsPerDay"/> s.</summary>
public sealed class PaceView
{
    /// <summary>The business instant the calendar read at <see cref="StartedAt"/>.</summary>
    public required DateTime Anchor { get; init; }

    /// <summary>The real instant the calendar started.</summary>
    public required DateTime StartedAt { get; init; }

    /// <summary>Real seconds per business day.</summary>
    public required double SecondsPerDay { get; init; }
}

/// <summary>A partner's standing in the negotiation.</summary>
public sealed class PartnerView
{
    /// <summary>The partner id.</summary>
    public required string Id { get; init; }

    /// <summary>The partner's name.</summary>
    public required string Name { get; init; }

    /// <summary>The partner body category.</summary>
    public required string Body { get; init; }

    /// <summary>The consultation contact's email address.</summary>
    public required string ContactEmail { get; init; }

    /// <summary>invited, reminded, escalated, endorsed, objected, changesRequested or noResponse.</summary>
    public required PartnerStatus Status { get; init; }

    /// <summary>The round the partner was last consulted in.</summary>
    public required int Round { get; init; }

    /// <summary>When the partner answered, if they have.</summary>
    public DateTime? AnsweredAt { get; init; }

    /// <summary>The partner's reason or comment.</summary>
    public string? Comment { get; init; }

    /// <summary>How far up the escalation ladder the partner's silence has gone (0 = not escalated).</summary>
    public required int EscalationLevel { get; init; }

    /// <summary>The partner's answer deadline in the current round.</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>True when the last delivery to the partner's contact bounced.</summary>
    public bool DeliveryProblem { get; init; }
}

/// <summary>One target with its indicator's title.</summary>
public sealed class TargetView
{
    /// <summary>The indicator code or local target text.</summary>
    public required string Indicator { get; init; }

    /// <summary>The indicator's title from the National Indicator Set, for designated and statutory targets.</summary>
    public string? Title { get; init; }

    /// <summary>designated, statutory or local.</summary>
    public required TargetKind Kind { get; init; }

    /// <summary>Ids of the lead partners.</summary>
    public required IReadOnlyList<string> LeadPartners { get; init; }

    /// <summary>The baseline.</summary>
    public decimal? Baseline { get; init; }

    /// <summary>The value for each year.</summary>
    public required IReadOnlyDictionary<string, decimal> Trajectory { get; init; }

    /// <summary>Whether the indicator improves as it rises; null for a local target that does not say.</summary>
    public bool? HigherIsBetter { get; init; }

    /// <summary>Why the trajectory gets worse from one year to the next, when it does.</summary>
    public string? Justification { get; init; }
}

/// <summary>One entry of the append-only timeline.</summary>
public sealed class TimelineEntryView
{
    /// <summary>When it happened.</summary>
    public required DateTime At { get; init; }

    /// <summary>A short machine-readable kind, for example <c>invited</c>, <c>answered</c>, <c>phase</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Where it came from.</summary>
    public required AnswerSource Source { get; init; }

    /// <summary>What happened, in words.</summary>
    public required string Text { get; init; }

    /// <summary>The partner concerned, if any.</summary>
    public string? PartnerId { get; init; }
}

/// <summary>How a negotiation ended.</summary>
public sealed class OutcomeView
{
    /// <summary>Finalised, DeadlineMissed or Withdrawn.</summary>
    public required NegotiationPhase Phase { get; init; }

    /// <summary>When it ended.</summary>
    public required DateTime At { get; init; }

    /// <summary>Why, in words.</summary>
    public required string Summary { get; init; }

    /// <summary>For a missed deadline or a withdrawal: each reason (who had not answered, what was still disputed).</summary>
    public required IReadOnlyList<string> Reasons { get; init; }
}

/// <summary>One row of <c>GET /api/negotiations</c>.</summary>
public sealed class AgreementListItem
{
    /// <summary>The negotiation id.</summary>
    public required string Id { get; init; }

    /// <summary>The area.</summary>
    public required string Area { get; init; }

    /// <summary>The Government Office region.</summary>
    public required string GovernmentOffice { get; init; }

    /// <summary>Where the negotiation stands.</summary>
    public required NegotiationPhase Phase { get; init; }

    /// <summary>When it was started.</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>The next deadline, if any.</summary>
    public DateTime? NextDeadline { get; init; }

    /// <summary>Partners who have endorsed.</summary>
    public required int Endorsed { get; init; }

    /// <summary>All partners.</summary>
    public required int Partners { get; init; }

    /// <summary>The three-year period: with the area and <see cref="CreatedAt"/>, what tells two negotiations of one area apart.</summary>
    public string? Period { get; init; }

    /// <summary><c>local-area</c> or <c>multi-area</c>.</summary>
    public string Kind { get; init; } = Validation.NegotiationValidator.LocalAreaKind;

    /// <summary>A multi-area agreement's themes; absent for an LAA.</summary>
    public IReadOnlyList<string>? Themes { get; init; }

    /// <summary>A multi-area agreement's authorities, each with its endorsement; absent for an LAA.</summary>
    public IReadOnlyList<AuthorityView>? Authorities { get; init; }

    /// <summary>The sign-off deadline as it stands (moved when it has been extended).</summary>
    public DateTime? SignOffDeadline { get; init; }

    /// <summary>The orchestration's runtime status (<c>Running</c>, <c>Completed</c>, ...), or null when the runtime does not know the instance.</summary>
    public string? RuntimeStatus { get; init; }

    /// <summary>A rehearsal's business time when this row was read, against which its deadlines count; absent for a real negotiation.</summary>
    public DateTime? Now { get; init; }

    /// <summary>1 for the original agreement, 2 for its first yearly refresh, and so on.</summary>
    public int Version { get; init; } = 1;

    /// <summary>For a refresh: the year, for example <c>2009</c>.</summary>
    public string? Year { get; init; }

    /// <summary>For a refresh: the id of the version it refreshes.</summary>
    public string? RefreshOf { get; init; }

    /// <summary>The ids of the refreshes started from this version, oldest first.</summary>
    public IReadOnlyList<string> Refreshes { get; init; } = [];
}

/// <summary>A page of the list, newest first.</summary>
public sealed class AgreementListPage
{
    /// <summary>The rows of this page.</summary>
    public required IReadOnlyList<AgreementListItem> Items { get; init; }

    /// <summary>Pass back to get the next page; null on the last page.</summary>
    public string? ContinuationToken { get; init; }
}
