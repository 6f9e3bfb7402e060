namespace LaaWorkflow.Email;

/// <summary>What an email is for; sent to SendGrid as a category and stored with every outbox message.</summary>
/// <remarks>The names are stored and sent on the wire: renaming one changes stored data.</remarks>
public enum EmailKind
{
    /// <summary>Invites a partner to answer on its targets.</summary>
    PartnerInvitation,

    /// <summary>Reminds a partner who has not answered.</summary>
    PartnerReminder,

    /// <summary>Tells the next person up a partner's escalation ladder that the partner has not answered.</summary>
    EscalationNotice,

    /// <summary>The LSP lead's digest of outstanding partners.</summary>
    LeadDigest,

    /// <summary>Tells the LSP lead that a partner objected or requested changes.</summary>
    LeadAnswerNotice,

    /// <summary>Submits the agreed draft to the Government Office negotiator.</summary>
    GovernmentOfficeSubmission,

    /// <summary>Announces the final agreement to everyone.</summary>
    FinalAgreementNotice,

    /// <summary>Explains that the negotiation could not finish by the sign-off deadline.</summary>
    DeadlineMissedNotice,

    /// <summary>Confirms to a partner the answer that was recorded.</summary>
    AnswerConfirmation,

    /// <summary>Answers an email reply that could not be read as a decision.</summary>
    ReplyNotUnderstood,

    /// <summary>Tells the LSP lead that an email to a partner bounced or was dropped.</summary>
    DeliveryProblemNotice,

    /// <summary>Chases the LSP lead, or the next rung of the lead's escalation ladder, for the revision the negotiation waits on.</summary>
    LeadChase,

    /// <summary>Warns the LSP lead and the Government Office negotiator that the sign-off deadline is near and the agreement is not signed off.</summary>
    SignOffWarning,
}
