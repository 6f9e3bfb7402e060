using LaaWorkflow.Negotiation.Domain;

namespace LaaWorkflow.Negotiation.Orchestrations;

/// <summary>A partner's answer, raised to the partner's consultation instance for the round.</summary>
/// <param name="Decision">Endorse, object or request changes.</param>
/// <param name="Comment">The reason or the requested changes.</param>
/// <param name="Source">Email link, email reply or admin on behalf.</param>
/// <param name="ReceivedAt">When the answer arrived.</param>
/// <param name="RecordedBy">For an answer recorded on a partner's behalf: the admin and their reason.</param>
internal sealed record PartnerAnswerEvent(AnswerDecision Decision, string? Comment, AnswerSource Source, DateTime ReceivedAt, string? RecordedBy = null)
{
    public const string Name = "PartnerAnswer";
}

/// <summary>What an admin asks a partner's consultation to do.</summary>
internal enum PartnerCommandKind
{
    ResendInvitation,
    RemindNow,
    ExtendDeadline,
    Withdraw,

    /// <summary>The sign-off deadline moved to <c>NewDeadline</c>: the consultation's last day moves with it.</summary>
    ExtendSignOff,
}

/// <summary>
/// An admin action on one partner's consultation; <paramref name="CommandId"/> keys its emails so a repeated delivery
/// sends nothing twice. <paramref name="At"/> is when it arrived (business time), null in commands raised before it was sent.
/// </summary>
internal sealed record PartnerCommandEvent(PartnerCommandKind Kind, string CommandId, DateTime? NewDeadline = null, string? By = null, DateTime? At = null)
{
    public const string Name = "PartnerCommand";
}

/// <summary>
/// The LSP lead's revised targets; <paramref name="Disputing"/> names the partners whose objection or request the read
/// model showed when it was submitted (null in revisions raised before it was sent).
/// </summary>
internal sealed record RevisionEvent(IReadOnlyList<Target> Targets, DateTime SubmittedAt, string RevisionId, IReadOnlyList<string>? Disputing = null)
{
    public const string Name = "Revision";
}

/// <summary>The Government Office negotiator's decision on the draft.</summary>
/// <param name="Approved">True to approve, false to send the draft back.</param>
/// <param name="Comment">The negotiator's comment.</param>
/// <param name="DecidedAt">When the decision arrived.</param>
/// <param name="DecisionId">A unique id for this decision.</param>
/// <param name="Submission">
/// The submission decided on. A decision for another one (a repeated click, an old link) is left unused, so it cannot
/// decide a later submission; null in decisions recorded before the number was sent, which are taken as they come.
/// </param>
/// <param name="Office">
/// For a multi-area agreement, the Government Office region deciding; each office concerned decides on each submission.
/// Null for a Local Area Agreement (its one office).
/// </param>
internal sealed record GovernmentOfficeDecisionEvent(bool Approved, string? Comment, DateTime DecidedAt, string DecisionId, int? Submission = null, string? Office = null)
{
    public const string Name = "GovernmentOfficeDecision";
}

/// <summary>An admin withdraws the negotiation.</summary>
internal sealed record WithdrawEvent(string Reason, DateTime At, string? By = null)
{
    public const string Name = "Withdraw";
}

/// <summary>The sign-off deadline moved, with the Government Office's agreement, by an admin.</summary>
/// <param name="NewDeadline">The new sign-off deadline (business time).</param>
/// <param name="Reason">Why, as recorded.</param>
/// <param name="AgreedBy">Who agreed it for the Government Office, when given.</param>
/// <param name="By">The admin who made the change.</param>
/// <param name="At">When it arrived (business time).</param>
/// <param name="ExtensionId">A unique id for this extension.</param>
internal sealed record SignOffExtendedEvent(DateTime NewDeadline, string Reason, string? AgreedBy, string? By, DateTime At, string ExtensionId)
{
    public const string Name = "SignOffExtended";
}
