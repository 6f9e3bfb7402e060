using System.Text.Json.Serialization;

namespace LaaWorkflow.Negotiation.Domain;

/// <summary>Where something recorded on the timeline came from.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<AnswerSource>))]
public enum AnswerSource
{
    /// <summary>The workflow itself (timers, invitations, reminders).</summary>
    System,

    /// <summary>A partner followed the signed link in an email.</summary>
    EmailLink,

    /// <summary>A partner replied to an email.</summary>
    EmailReply,

    /// <summary>An admin recorded an answer on a partner's behalf.</summary>
    AdminOnBehalf,

    /// <summary>An admin action (resend, remind, extend, withdraw).</summary>
    Admin,

    /// <summary>The LSP lead (a revision).</summary>
    LspLead,

    /// <summary>The Government Office negotiator.</summary>
    GovernmentOffice,
}
