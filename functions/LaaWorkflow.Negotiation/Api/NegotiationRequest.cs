using System.Text.Json.Serialization;

namespace LaaWorkflow.Negotiation.Api;

/// <summary>
/// The body of <c>POST /api/negotiations</c>: the LSP lead's draft agreement. Every member is nullable because it comes
/// off the wire as written; <see cref="Validation.NegotiationValidator"/> names whatever is missing or wrong.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record NegotiationRequest
{
    /// <summary><c>local-area</c> (the default) or <c>multi-area</c>; a multi-area agreement is described in <c>docs/multi-area-agreements.md</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>A multi-area agreement's name, for example <c>Tees Valley</c>; not used by a Local Area Agreement (it has <see cref="Area"/>).</summary>
    public string? Name { get; init; }

    /// <summary>A multi-area agreement's themes: <c>economy</c>, <c>housing</c>, <c>transport</c>, <c>skills</c>, ... or <c>other: ...</c>.</summary>
    public IReadOnlyList<string?>? Themes { get; init; }

    /// <summary>A multi-area agreement's participating authorities, two or more.</summary>
    public IReadOnlyList<AuthorityRequest?>? Authorities { get; init; }

    /// <summary>The id of the authority that leads a multi-area agreement: its LSP lead revises the draft.</summary>
    public string? LeadAuthority { get; init; }

    /// <summary>The area, for example <c>Sunderland</c>.</summary>
    public string? Area { get; init; }

    /// <summary>The responsible local authority that leads the LSP.</summary>
    public string? ResponsibleAuthority { get; init; }

    /// <summary>The Government Office region negotiating the agreement.</summary>
    public string? GovernmentOffice { get; init; }

    /// <summary>The three-year period, for example <c>2008-2011</c>.</summary>
    public string? Period { get; init; }

    /// <summary>The LSP lead who revises the draft and receives digests.</summary>
    public ContactRequest? LspLead { get; init; }

    /// <summary>Who is told, one rung at a time, when the LSP lead leaves the negotiation waiting for a revision (lowest rung first); optional.</summary>
    public IReadOnlyList<ContactRequest?>? LspLeadEscalation { get; init; }

    /// <summary>The Government Office negotiator who approves the final draft.</summary>
    public ContactRequest? GovernmentOfficeNegotiator { get; init; }

    /// <summary>The partner authorities consulted on the draft.</summary>
    public IReadOnlyList<PartnerRequest?>? Partners { get; init; }

    /// <summary>Designated, statutory and local targets.</summary>
    public IReadOnlyList<TargetRequest?>? Targets { get; init; }

    /// <summary>The consultation timetable.</summary>
    public TimetableRequest? Timetable { get; init; }

    /// <summary>Makes the negotiation a rehearsal running on its own calendar; absent for a real negotiation.</summary>
    public PaceRequest? Pace { get; init; }
}

/// <summary>A rehearsal's calendar: the business instant <see cref="Anchor"/> at the real instant <see cref="StartedAt"/>, one day every <see cref="SecondsPerDay"/> seconds.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class PaceRequest
{
    /// <summary>The business instant the calendar reads at <see cref="StartedAt"/>.</summary>
    public DateTimeOffset? Anchor { get; init; }

    /// <summary>The real instant that corresponds to <see cref="Anchor"/>; default: when the negotiation is created.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Real seconds per business day.</summary>
    public double? SecondsPerDay { get; init; }
}

/// <summary>A named person reached by email.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ContactRequest
{
    /// <summary>The person's name or role.</summary>
    public string? Name { get; init; }

    /// <summary>The email address.</summary>
    public string? Email { get; init; }
}

/// <summary>A partner authority consulted on the draft.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class PartnerRequest
{
    /// <summary>A short id, unique within the negotiation, for example <c>northumbria-police</c>.</summary>
    public string? Id { get; init; }

    /// <summary>The partner's name.</summary>
    public string? Name { get; init; }

    /// <summary>The partner body category, one of <see cref="Reference.PartnerBodies.All"/>.</summary>
    public string? Body { get; init; }

    /// <summary>The officer who answers the consultation.</summary>
    public ContactRequest? Contact { get; init; }

    /// <summary>Who is told, in order, when the partner does not answer by the deadline.</summary>
    public IReadOnlyList<ContactRequest?>? Escalation { get; init; }

    /// <summary>In a multi-area agreement: the id of the participating authority whose area the partner comes from.</summary>
    public string? Authority { get; init; }
}

/// <summary>A responsible authority taking part in a multi-area agreement.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class AuthorityRequest
{
    /// <summary>A short id, unique among the authorities and partners, for example <c>darlington</c>.</summary>
    public string? Id { get; init; }

    /// <summary>The council's name.</summary>
    public string? Name { get; init; }

    /// <summary>The authority's LSP lead, who endorses the agreement for it through a signed link.</summary>
    public ContactRequest? LspLead { get; init; }

    /// <summary>The Government Office region the authority belongs to.</summary>
    public string? GovernmentOffice { get; init; }

    /// <summary>That Government Office's negotiator; authorities of one region name the same one.</summary>
    public ContactRequest? GovernmentOfficeNegotiator { get; init; }

    /// <summary>Who is told, in order, when the LSP lead does not endorse by the deadline; optional.</summary>
    public IReadOnlyList<ContactRequest?>? Escalation { get; init; }
}

/// <summary>One target of the draft.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TargetRequest
{
    /// <summary>The indicator code (<c>NI 16</c>) for designated and statutory targets, free text for local ones.</summary>
    public string? Indicator { get; init; }

    /// <summary><c>designated</c>, <c>statutory</c> or <c>local</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>Ids of the partners who lead on the target.</summary>
    public IReadOnlyList<string?>? LeadPartners { get; init; }

    /// <summary>The baseline value.</summary>
    public decimal? Baseline { get; init; }

    /// <summary>The target value for each year of the period, keyed <c>2008/09</c>, <c>2009/10</c>, <c>2010/11</c>.</summary>
    public IReadOnlyDictionary<string, decimal>? Trajectory { get; init; }

    /// <summary>
    /// Whether the indicator improves as it rises. Taken from the reference data where it knows the indicator (and then
    /// it must agree); required otherwise for designated and statutory targets.
    /// </summary>
    public bool? HigherIsBetter { get; init; }

    /// <summary>Why the trajectory gets worse from one year to the next, when it does; shown to the Government Office.</summary>
    public string? Justification { get; init; }
}

/// <summary>The consultation timetable.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TimetableRequest
{
    /// <summary>When the partners are invited.</summary>
    public DateTimeOffset? ConsultationOpens { get; init; }

    /// <summary>When the partners' answers are due.</summary>
    public DateTimeOffset? ResponseDeadline { get; init; }

    /// <summary>When the agreement must be signed off.</summary>
    public DateTimeOffset? SignOffDeadline { get; init; }

    /// <summary>Days before the response deadline on which outstanding partners are reminded, for example 14, 7, 2.</summary>
    public IReadOnlyList<int>? ReminderDaysBefore { get; init; }

    /// <summary>Days between escalations up a partner's ladder once the response deadline has passed, and between chases of an LSP lead whose revision is awaited.</summary>
    public int? EscalationEveryDays { get; init; }

    /// <summary>Days before the sign-off deadline on which the LSP lead and the Government Office negotiator are warned while it is not signed off; 14, 7, 2 when omitted.</summary>
    public IReadOnlyList<int>? SignOffWarningDaysBefore { get; init; }
}
