using LaaWorkflow.Email;
using LaaWorkflow.Email.Templates;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Orchestrations;

namespace LaaWorkflow.Negotiation.Activities;

/// <summary>
/// An email the orchestrations want sent: its business key (stable across retries and replays, so the sender sends it
/// once), its kind and recipient, and what its template needs. The activity renders and sends it.
/// <paramref name="AnswersDueBy"/> is when the answers the email is about are due (the partner's own deadline, or the
/// round's for the LSP lead), null when it is about none; the sign-off deadline comes from the header, so the two
/// cannot be mistaken for each other.
/// </summary>
internal sealed record Notification(
    string Key,
    EmailKind Kind,
    string NegotiationId,
    AgreementHeader Header,
    Contact To,
    DateTime? AnswersDueBy)
{
    /// <summary>The partner the email is about, if any.</summary>
    public Partner? Partner { get; init; }

    /// <summary>The consultation round for a partner's answer links; the submission number for the Government Office's decision link.</summary>
    public int Round { get; init; } = 1;

    /// <summary>Copied in, for example the partner's contact on an escalation.</summary>
    public Contact? Cc { get; init; }

    /// <summary>The targets the email lists.</summary>
    public IReadOnlyList<Target> Targets { get; init; } = [];

    /// <summary>Which reminder this is (1 for the first).</summary>
    public int ReminderNumber { get; init; }

    /// <summary>The rung of the escalation ladder (1 for the first).</summary>
    public int EscalationLevel { get; init; }

    /// <summary>For the lead's digest and the Government Office submission: each partner's standing.</summary>
    public IReadOnlyList<PartnerLine> Partners { get; init; } = [];

    /// <summary>For the lead's digest: how many partners have answered.</summary>
    public int AnsweredCount { get; init; }

    /// <summary>For an answer notice: the decision.</summary>
    public AnswerDecision? Decision { get; init; }

    /// <summary>For an answer notice or a rejection: the comment.</summary>
    public string? Comment { get; init; }

    /// <summary>For a missed deadline or a withdrawal: the reasons.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>For the final notice: the document.</summary>
    public Uri? DocumentUrl { get; init; }

    /// <summary>For the final notice: when it was finalised.</summary>
    public DateTime? FinalisedAt { get; init; }

    /// <summary>For a chase of the LSP lead: since when the negotiation has waited for the revision.</summary>
    public DateTime? WaitingSince { get; init; }

    /// <summary>For a sign-off warning: whole days left to the sign-off deadline.</summary>
    public int DaysLeft { get; init; }

    /// <summary>For a yearly refresh's submission: how the version names itself, and each change in words.</summary>
    public string? Refresh { get; init; }

    /// <summary>For a yearly refresh's submission: every target added, changed or dropped, one line each.</summary>
    public IReadOnlyList<ChangeLine> Changes { get; init; } = [];

    /// <summary>The business instant the orchestration sent it at: a rehearsal dates its mail with it.</summary>
    public DateTime? At { get; init; }

    /// <summary>For a multi-area agreement's submission: the Government Office region its decision link is signed for.</summary>
    public string? Office { get; init; }
}

/// <summary>A partner's standing as an email lists it.</summary>
internal sealed record PartnerLine(string PartnerName, string Status, string? Detail = null, int EscalationLevel = 0);
