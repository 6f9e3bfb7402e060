namespace LaaWorkflow.Email.Answers;

/// <summary>A partner's decision on its targets.</summary>
/// <remarks>The names are stored in the answer ledger: renaming one changes stored data.</remarks>
public enum AnswerDecision
{
    /// <summary>The partner endorses its targets.</summary>
    Endorse,

    /// <summary>The partner objects, with a reason.</summary>
    Object,

    /// <summary>The partner asks the LSP lead for changes, with a comment.</summary>
    RequestChanges,
}

/// <summary>How an answer reached us.</summary>
public enum AnswerSource
{
    /// <summary>The partner used the link in the email and posted the form.</summary>
    EmailLink,

    /// <summary>The partner replied to the email.</summary>
    EmailReply,

    /// <summary>An admin recorded the answer on the partner's behalf.</summary>
    AdminOnBehalf,
}

/// <summary>One answer, as handed to the negotiation.</summary>
/// <param name="NegotiationId">The negotiation.</param>
/// <param name="PartnerId">The partner answering.</param>
/// <param name="Round">The consultation round the answer's link or reply belongs to.</param>
/// <param name="Decision">The decision.</param>
/// <param name="Comment">The reason or requested change; null for a plain endorsement.</param>
/// <param name="Source">How the answer arrived.</param>
/// <param name="ReceivedAt">When it was first received; a repeated delivery carries the first time.</param>
public sealed record AnswerSubmission(
    string NegotiationId,
    string PartnerId,
    int Round,
    AnswerDecision Decision,
    string? Comment,
    AnswerSource Source,
    DateTimeOffset ReceivedAt);
