using LaaWorkflow.Email.Answers;

namespace LaaWorkflow.Email.Templates;

/// <summary>One target as a partner sees it.</summary>
/// <param name="IndicatorCode">For example "NI 16", or a local target's own label.</param>
/// <param name="Title">The indicator's title.</param>
/// <param name="Kind">"designated", "statutory" or "local".</param>
/// <param name="Baseline">The baseline value, when known.</param>
/// <param name="Trajectory">The value agreed for each year, in order.</param>
public sealed record TargetLine(string IndicatorCode, string Title, string Kind, decimal? Baseline, IReadOnlyList<TrajectoryPoint> Trajectory)
{
    /// <summary>Whether the indicator improves as it rises; null when not known (a local target).</summary>
    public bool? HigherIsBetter { get; init; }

    /// <summary>Why the trajectory gets worse from one year to the next, when it does.</summary>
    public string? Justification { get; init; }
}

/// <summary>A target's value for one year.</summary>
/// <param name="Year">For example "2008/09".</param>
/// <param name="Value">The target value.</param>
public sealed record TrajectoryPoint(string Year, decimal Value);

/// <summary>The agreement every email is about.</summary>
/// <param name="Area">The local area, for example "Sunderland".</param>
/// <param name="ResponsibleAuthority">The council that leads the agreement.</param>
/// <param name="Period">For example "2008-2011".</param>
/// <param name="AnswersDueBy">
/// When the answers the email is about are due: the partner's own deadline in a partner's email, the round's in the
/// LSP lead's; null when no answer is awaited (a submission, a decision, an ending).
/// </param>
/// <param name="SignOffDeadline">When the agreement must be signed off; null only where the email's source does not know it.</param>
/// <remarks>Each deadline has its own field, so a template cannot call one by the other's name.</remarks>
public sealed record AgreementSummary(string Area, string ResponsibleAuthority, string Period, DateTimeOffset? AnswersDueBy, DateTimeOffset? SignOffDeadline)
{
    /// <summary>True for a Multi-Area Agreement: the emails name it so.</summary>
    public bool IsMultiArea { get; init; }

    /// <summary>The agreement as the emails name it: <c>Sunderland Local Area Agreement</c>, <c>Tees Valley Multi-Area Agreement</c>.</summary>
    internal string Title => $"{Area} {(IsMultiArea ? "Multi-Area Agreement" : "Local Area Agreement")}";

    /// <summary>For a yearly refresh, which version it is (<c>2009 refresh of the 2008 agreement</c>); null otherwise.</summary>
    public string? Version { get; init; }

    /// <summary>The title and, for a refresh, its version: a partner asked about a refresh must not take it for the original draft.</summary>
    internal string TitleAndVersion => Version is null ? Title : $"{Title}, {Version}";

    /// <summary>The heading of an email asking for an answer: the title, the period and, for a refresh, its version.</summary>
    internal string Heading => $"{Title} {Period}" + (Version is null ? "" : $": {Version}");

    /// <summary>The answer deadline, for the templates that are about one.</summary>
    internal DateTimeOffset AnswersDue => AnswersDueBy ?? throw new ArgumentException($"An email about answers on the {Area} agreement needs the date they are due.");

    /// <summary>The sign-off deadline, for the templates that name it.</summary>
    internal DateTimeOffset SignOff => SignOffDeadline ?? throw new ArgumentException($"An email naming the {Area} agreement's sign-off deadline needs it.");
}

/// <summary>How a partner answers: the signed page link and the reply-to address carrying the same token.</summary>
/// <param name="Page">The answer page (<c>GET /api/respond/{token}</c>).</param>
/// <param name="ReplyTo">The reply-to address, for example <c>reply+{token}@inbound.example</c>.</param>
public sealed record AnswerLinks(Uri Page, EmailAddress ReplyTo);

/// <summary>A partner's state, as listed to the LSP lead or the Government Office.</summary>
/// <param name="PartnerName">The partner body.</param>
/// <param name="Status">For example "invited", "reminded", "escalated", "endorsed", "objected".</param>
/// <param name="Detail">A comment or reason, when there is one.</param>
/// <param name="EscalationLevel">How far up its ladder the partner has been escalated; 0 when not.</param>
public sealed record PartnerStatusLine(string PartnerName, string Status, string? Detail = null, int EscalationLevel = 0);

/// <summary>The invitation to a partner contact.</summary>
public sealed record PartnerInvitationModel(AgreementSummary Agreement, string RecipientName, string PartnerName, IReadOnlyList<TargetLine> Targets, AnswerLinks Links, int Round)
{
    /// <summary>True when the invited party is a participating authority of a Multi-Area Agreement, endorsing the whole draft.</summary>
    public bool ForAuthority { get; init; }
}

/// <summary>A reminder to a partner contact who has not answered.</summary>
public sealed record PartnerReminderModel(AgreementSummary Agreement, string RecipientName, string PartnerName, IReadOnlyList<TargetLine> Targets, AnswerLinks Links, int Round, int ReminderNumber);

/// <summary>Tells the next person up a partner's escalation ladder that the partner has not answered.</summary>
public sealed record EscalationNoticeModel(AgreementSummary Agreement, string RecipientName, string PartnerName, string ContactName, int EscalationLevel, IReadOnlyList<TargetLine> Targets, AnswerLinks Links, int Round);

/// <summary>The LSP lead's digest of partners who have not answered.</summary>
public sealed record LeadDigestModel(AgreementSummary Agreement, string RecipientName, IReadOnlyList<PartnerStatusLine> Outstanding, int AnsweredCount, int PartnerCount);

/// <summary>Tells the LSP lead that a partner objected or requested changes.</summary>
public sealed record LeadAnswerNoticeModel(AgreementSummary Agreement, string RecipientName, string PartnerName, AnswerDecision Decision, string? Comment, int Round);

/// <summary>Submits the agreed draft to the Government Office negotiator.</summary>
public sealed record GovernmentOfficeSubmissionModel(AgreementSummary Agreement, string RecipientName, string GovernmentOffice, IReadOnlyList<TargetLine> Targets, IReadOnlyList<PartnerStatusLine> Partners, Uri? DecisionPage)
{
    /// <summary>For a yearly refresh: how the version names itself ("2009 refresh of the 2008 agreement"); null for a first agreement.</summary>
    public string? Refresh { get; init; }

    /// <summary>For a yearly refresh: every target it adds, changes or drops, one line each; <see cref="Targets"/> then holds only the designated ones to decide.</summary>
    public IReadOnlyList<ChangeLine> Changes { get; init; } = [];
}

/// <summary>One change a yearly refresh makes, in words, and whether it is for the Government Office to decide (a designated target).</summary>
public sealed record ChangeLine(string Text, bool ForDecision);

/// <summary>Announces the final agreement.</summary>
public sealed record FinalAgreementNoticeModel(AgreementSummary Agreement, string RecipientName, IReadOnlyList<TargetLine> Targets, IReadOnlyList<PartnerStatusLine> Partners, Uri? Document, DateTimeOffset FinalisedAt);

/// <summary>Chases the LSP lead (<paramref name="EscalationLevel"/> 0) or a rung of the lead's escalation ladder for a revision.</summary>
/// <param name="Agreement">The agreement.</param>
/// <param name="RecipientName">Who the email is to.</param>
/// <param name="LeadName">The LSP lead, named to an escalation contact.</param>
/// <param name="EscalationLevel">0 for the lead; 1 for the first rung of the lead's ladder, and so on.</param>
/// <param name="ChaseNumber">Which chase this is (1 for the first).</param>
/// <param name="WaitingSince">Since when the negotiation has waited for the revision.</param>
/// <param name="Why">What the revision must answer: the partners' objections or the Government Office's comment.</param>
public sealed record LeadChaseModel(AgreementSummary Agreement, string RecipientName, string LeadName, int EscalationLevel, int ChaseNumber, DateTimeOffset WaitingSince, string Why);

/// <summary>Warns that the sign-off deadline is near and the agreement is not yet signed off.</summary>
/// <param name="Agreement">The agreement.</param>
/// <param name="RecipientName">Who the email is to.</param>
/// <param name="DaysLeft">Whole days left to the sign-off deadline.</param>
/// <param name="Standing">Where the negotiation stands, for example "waiting for the LSP lead's revision".</param>
/// <param name="Outstanding">What still has to happen, one line each.</param>
public sealed record SignOffWarningModel(AgreementSummary Agreement, string RecipientName, int DaysLeft, string Standing, IReadOnlyList<string> Outstanding);

/// <summary>Explains that the negotiation could not finish by the sign-off deadline.</summary>
public sealed record DeadlineMissedNoticeModel(AgreementSummary Agreement, string RecipientName, IReadOnlyList<string> Reasons, IReadOnlyList<PartnerStatusLine> Partners);

/// <summary>Confirms to a partner the answer that was recorded.</summary>
public sealed record AnswerConfirmationModel(AgreementSummary Agreement, string RecipientName, string PartnerName, AnswerDecision Decision, string? Comment, int Round, DateTimeOffset ReceivedAt);

/// <summary>Answers an email reply that could not be read as a decision.</summary>
/// <param name="Agreement">The agreement, when the reply's token identified one.</param>
/// <param name="RecipientName">Who replied, when known.</param>
/// <param name="FirstLine">The line we tried to read, quoted back.</param>
/// <param name="Problem">What was wrong, in a sentence.</param>
/// <param name="Page">The answer page, when the reply's token is still good.</param>
/// <param name="WasRead">True when the reply was read but could not be taken (the consultation closed, the link expired).</param>
public sealed record ReplyNotUnderstoodModel(AgreementSummary? Agreement, string? RecipientName, string FirstLine, string Problem, Uri? Page, bool WasRead = false);

/// <summary>Tells the LSP lead that mail to a partner contact bounced or was dropped.</summary>
public sealed record DeliveryProblemNoticeModel(AgreementSummary Agreement, string RecipientName, string PartnerName, string FailedAddress, string Reason);

/// <summary>A rendered email: subject, plain text and HTML.</summary>
public sealed record RenderedEmail(string Subject, string Text, string Html);
