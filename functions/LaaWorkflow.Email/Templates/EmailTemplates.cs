using System.Globalization;
using LaaWorkflow.Email.Answers;

namespace LaaWorkflow.Email.Templates;

/// <summary>Renders every email the product sends: subject, plain text and HTML, from plain models.</summary>
/// <remarks>All text taken from a model is HTML-encoded; names and subjects are kept to one line.</remarks>
public static class EmailTemplates
{
    /// <summary>The consultation invitation to a partner contact.</summary>
    public static RenderedEmail PartnerInvitation(PartnerInvitationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var a = model.Agreement;
        var doc = new EmailDocument($"{a.TitleAndVersion}: please answer on {model.PartnerName}'s targets by {EmailDocument.Date(a.AnswersDue)}")
            .Heading(a.Heading)
            .Paragraph($"Dear {model.RecipientName},")
            .Paragraph((model.ForAuthority, a.Version) switch
            {
                (true, _) => $"{a.ResponsibleAuthority} leads the {a.Title} between the participating authorities, their partners and government. As a participating authority, {model.PartnerName} endorses the whole draft through its LSP lead: please endorse it, object, or ask for changes.",
                (false, { } version) => $"{a.ResponsibleAuthority} is refreshing the {a.Title} with its partners ({version}), and the refresh changes targets that name {model.PartnerName} as a lead partner. The targets below are the refreshed ones {model.PartnerName} leads. Please endorse them, object, or ask for changes. Targets the refresh leaves unchanged stand as agreed.",
                _ => $"{a.ResponsibleAuthority} is agreeing the {a.Title} with its partners under the duty to co-operate. The targets below name {model.PartnerName} as a lead partner. Please endorse them, object, or ask for changes.",
            });
        return AnswerSection(doc, a, model.Targets, model.Links, model.Round).Build();
    }

    /// <summary>A reminder to a partner contact who has not answered.</summary>
    public static RenderedEmail PartnerReminder(PartnerReminderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var a = model.Agreement;
        var doc = new EmailDocument($"Reminder: {a.TitleAndVersion} answer due by {EmailDocument.Date(a.AnswersDue)}")
            .Heading($"Reminder: {a.Heading}")
            .Paragraph($"Dear {model.RecipientName},")
            .Paragraph($"We have not yet had {model.PartnerName}'s answer on its targets (reminder {model.ReminderNumber.ToString(CultureInfo.InvariantCulture)}). The LSP lead is told who is outstanding.");
        return AnswerSection(doc, a, model.Targets, model.Links, model.Round).Build();
    }

    /// <summary>Tells the next person up a partner's escalation ladder that the partner has not answered.</summary>
    public static RenderedEmail EscalationNotice(EscalationNoticeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var a = model.Agreement;
        var doc = new EmailDocument($"Escalation: {model.PartnerName} has not answered on the {a.Title}")
            .Heading($"{model.PartnerName} has not answered")
            .Paragraph($"Dear {model.RecipientName},")
            .Paragraph($"{model.PartnerName} was asked, through {model.ContactName}, to answer on its targets in the {a.Title} {a.Period}, and has not answered. You are its escalation contact at level {model.EscalationLevel.ToString(CultureInfo.InvariantCulture)}. You can answer on its behalf below.");
        return AnswerSection(doc, a, model.Targets, model.Links, model.Round).Build();
    }

    /// <summary>The LSP lead's digest of partners who have not answered.</summary>
    public static RenderedEmail LeadDigest(LeadDigestModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var a = model.Agreement;
        return new EmailDocument($"{a.Title}: {model.Outstanding.Count.ToString(CultureInfo.InvariantCulture)} partner(s) outstanding")
            .Heading($"{a.Title}: who is outstanding")
            .Paragraph($"Dear {model.RecipientName},")
            .Facts(
            [
                ("Answered", $"{model.AnsweredCount.ToString(CultureInfo.InvariantCulture)} of {model.PartnerCount.ToString(CultureInfo.InvariantCulture)} partners"),
                .. a.AnswersDueBy is { } due ? new[] { ("Answers due by", EmailDocument.Date(due)) } : Array.Empty<(string, string)>(),
                ("Sign-off deadline", EmailDocument.Date(a.SignOff)),
            ])
            .Partners("Partners who have not answered", model.Outstanding)
            .Build();
    }

    /// <summary>Tells the LSP lead that a partner objected or requested changes.</summary>
    public static RenderedEmail LeadAnswerNotice(LeadAnswerNoticeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var a = model.Agreement;
        var what = model.Decision == AnswerDecision.Object ? "objected to its targets" : model.Decision == AnswerDecision.RequestChanges ? "requested changes to its targets" : "endorsed its targets";
        var doc = new EmailDocument($"{model.PartnerName} {what} in the {a.Title}")
            .Heading($"{model.PartnerName} {what}")
            .Paragraph($"Dear {model.RecipientName},")
            .Paragraph($"In consultation round {model.Round.ToString(CultureInfo.InvariantCulture)} of the {a.Title} {a.Period}, {model.PartnerName} {what}.");
        if (!string.IsNullOrWhiteSpace(model.Comment))
        {
            doc.Quote(model.Decision == AnswerDecision.Object ? "Their reason:" : "Their comment:", model.Comment);
        }

        if (a.AnswersDueBy is { } due)
        {
            doc.Paragraph($"The other partners' answers in this round are due by {EmailDocument.Date(due)}.");
        }

        return doc.Paragraph($"A revision of the targets re-opens consultation for the partners it affects. The agreement must be signed off by {EmailDocument.Date(a.SignOff)} (the sign-off deadline).")
            .Build();
    }

    /// <summary>Submits the agreed draft to the Government Office negotiator.</summary>
    public static RenderedEmail GovernmentOfficeSubmission(GovernmentOfficeSubmissionModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var a = model.Agreement;
        if (model.Refresh is { } refresh)
        {
            return RefreshSubmission(model, refresh);
        }

        var doc = new EmailDocument($"{a.Title} {a.Period}: draft for Government Office {model.GovernmentOffice} approval")
            .Heading($"{a.Title}: draft for approval")
            .Paragraph($"Dear {model.RecipientName},")
            .Paragraph($"{a.ResponsibleAuthority} submits the {a.Title} {a.Period} to Government Office {model.GovernmentOffice} for approval before the sign-off deadline of {EmailDocument.Date(a.SignOff)}.")
            .Targets("Targets in the draft", model.Targets)
            .Partners("Partners' answers", model.Partners);
        if (model.DecisionPage is not null)
        {
            doc.Link("Approve or return the draft", model.DecisionPage);
        }

        return doc.Build();
    }

    /// <summary>
    /// A yearly refresh asks the Government Office about its designated targets only: the other changes were agreed by
    /// the partners concerned, and unchanged targets stand as agreed.
    /// </summary>
    private static RenderedEmail RefreshSubmission(GovernmentOfficeSubmissionModel model, string refresh)
    {
        var a = model.Agreement;
        var doc = new EmailDocument($"{a.Area} Local Area Agreement {a.Period}, {refresh}: designated targets for Government Office {model.GovernmentOffice} approval")
            .Heading($"{a.Area} Local Area Agreement: {refresh}")
            .Paragraph($"Dear {model.RecipientName},")
            .Paragraph($"{a.ResponsibleAuthority} submits the {refresh} for {a.Area} to Government Office {model.GovernmentOffice} before the sign-off deadline of {EmailDocument.Date(a.SignOff)}. Only the designated targets it changes need your decision; its other changes were agreed by the partners concerned, and the targets it leaves unchanged stand as agreed.")
            .Subheading("What the refresh changes")
            .List(model.Changes.Select(change => change.Text + (change.ForDecision ? " [for your decision]" : " [agreed by the partners concerned]")))
            .Targets("Designated targets for your decision", model.Targets)
            .Partners("Partners' answers", model.Partners);
        if (model.DecisionPage is not null)
        {
            doc.Link("Approve or return the refresh", model.DecisionPage);
        }

        return doc.Build();
    }

    /// <summary>Announces the final agreement.</summary>
    public static RenderedEmail FinalAgreementNotice(FinalAgreementNoticeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var a = model.Agreement;
        var doc = new EmailDocument($"{a.Title} {a.Period} is agreed")
            .Heading($"{a.Title} {a.Period} is agreed")
            .Paragraph($"Dear {model.RecipientName},")
            .Paragraph($"The {a.Title} {a.Period} was finalised on {EmailDocument.Date(model.FinalisedAt)}, ahead of the sign-off deadline of {EmailDocument.Date(a.SignOff)}.")
            .Targets("Agreed targets", model.Targets)
            .Partners("Partners", model.Partners);
        if (model.Document is not null)
        {
            doc.Link("Read the agreement", model.Document);
        }

        return doc.Build();
    }

    /// <summary>Explains that the negotiation could not finish by the sign-off deadline.</summary>
    public static RenderedEmail DeadlineMissedNotice(DeadlineMissedNoticeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var a = model.Agreement;
        return new EmailDocument($"{a.Title} {a.Period} was not agreed by the sign-off deadline")
            .Heading($"{a.Title} was not agreed in time")
            .Paragraph($"Dear {model.RecipientName},")
            .Paragraph($"The {a.Title} {a.Period} could not be finalised by the sign-off deadline of {EmailDocument.Date(a.SignOff)}. The negotiation has been closed and recorded as not agreed, for these reasons:")
            .List(model.Reasons)
            .Partners("Partners", model.Partners)
            .Build();
    }

    /// <summary>Chases the LSP lead, or a rung of the lead's escalation ladder, for the revision the negotiation waits on.</summary>
    public static RenderedEmail LeadChase(LeadChaseModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var a = model.Agreement;
        var since = EmailDocument.Date(model.WaitingSince);
        var doc = model.EscalationLevel == 0
            ? new EmailDocument($"Reminder: the {a.Title} is waiting for your revision")
                .Heading("The agreement is waiting for your revision")
                .Paragraph($"Dear {model.RecipientName},")
                .Paragraph($"The {a.Title} {a.Period} has waited for your revised targets since {since} (reminder {model.ChaseNumber.ToString(CultureInfo.InvariantCulture)}). Until they are submitted nobody is consulted and nothing goes to the Government Office.")
            : new EmailDocument($"Escalation: the {a.Title} is waiting for the LSP lead's revision")
                .Heading("The agreement is waiting for the LSP lead")
                .Paragraph($"Dear {model.RecipientName},")
                .Paragraph($"The {a.Title} {a.Period} has waited since {since} for revised targets from {model.LeadName}, the LSP lead, who has been reminded. You are the lead's escalation contact at level {model.EscalationLevel.ToString(CultureInfo.InvariantCulture)}.");
        return doc
            .Quote("The revision must answer:", model.Why)
            .Facts(
                ("Waiting since", since),
                ("Sign-off deadline", EmailDocument.Date(a.SignOff)))
            .Paragraph("Submit the revised targets through the LAA service, or send them to its administrators to submit for you. If the agreement cannot be signed off in time, raise it with the Government Office now.")
            .Build();
    }

    /// <summary>Warns that the sign-off deadline is near and the agreement is not signed off.</summary>
    public static RenderedEmail SignOffWarning(SignOffWarningModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var a = model.Agreement;
        var days = model.DaysLeft.ToString(CultureInfo.InvariantCulture);
        return new EmailDocument($"{a.Title}: {days} days to the sign-off deadline and not signed off")
            .Heading($"{days} days to the sign-off deadline")
            .Paragraph($"Dear {model.RecipientName},")
            .Paragraph($"The {a.Title} {a.Period} must be signed off by {EmailDocument.Date(a.SignOff)} (the sign-off deadline), {days} days from now. It is not signed off yet: {model.Standing}.")
            .List(model.Outstanding)
            .Paragraph("If it cannot be signed off in time, the LSP lead and the Government Office should agree what happens now, rather than let it lapse.")
            .Build();
    }

    /// <summary>Confirms to a partner the answer that was recorded.</summary>
    public static RenderedEmail AnswerConfirmation(AnswerConfirmationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var a = model.Agreement;
        var doc = new EmailDocument($"{a.Title}: we recorded {model.PartnerName}'s answer")
            .Heading("Your answer is recorded")
            .Paragraph($"Dear {model.RecipientName},")
            .Facts(
                ("Agreement", $"{a.Title} {a.Period}"),
                ("Partner", model.PartnerName),
                ("Answer", DecisionText(model.Decision)),
                ("Consultation round", model.Round.ToString(CultureInfo.InvariantCulture)),
                ("Received", EmailDocument.Date(model.ReceivedAt)),
                ("Answers due by", EmailDocument.Date(a.AnswersDue)));
        if (!string.IsNullOrWhiteSpace(model.Comment))
        {
            doc.Quote("Your comment:", model.Comment);
        }

        return doc.Paragraph("If this is not what you meant, reply to this email or contact the LSP lead.").Build();
    }

    /// <summary>Answers an email reply that could not be read as a decision; records nothing.</summary>
    public static RenderedEmail ReplyNotUnderstood(ReplyNotUnderstoodModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var area = model.Agreement is { } a ? $"{a.Title}: " : string.Empty;
        var title = model.WasRead ? "we could not record your reply" : "we could not read your reply";
        var doc = new EmailDocument($"{area}{title}")
            .Heading(char.ToUpperInvariant(title[0]) + title[1..])
            .Paragraph(model.RecipientName is null ? "Hello," : $"Dear {model.RecipientName},")
            .Paragraph($"Nothing has been recorded. {model.Problem}")
            .Paragraph(model.Agreement is { AnswersDueBy: { } due } agreement ? $"Answers on the {agreement.Title} are due by {EmailDocument.Date(due)}." : "Please answer before the deadline in our email.")
            .Quote("The first line of your reply was:", model.FirstLine.Length == 0 ? "(empty)" : model.FirstLine);
        if (!model.WasRead)
        {
            doc.Paragraph("To answer by email, reply with one of these as the first line:")
                .List(["endorse", "object: followed by your reason", "changes: followed by the change you ask for"]);
        }

        if (model.Page is not null)
        {
            doc.Link("Or answer on the web page", model.Page);
        }

        return doc.Build();
    }

    /// <summary>Tells the LSP lead that mail to a partner contact bounced or was dropped.</summary>
    public static RenderedEmail DeliveryProblemNotice(DeliveryProblemNoticeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var a = model.Agreement;
        return new EmailDocument($"{a.Title}: email to {model.PartnerName} was not delivered")
            .Heading($"{a.Title}: email to {model.PartnerName} was not delivered")
            .Paragraph($"Dear {model.RecipientName},")
            .Paragraph($"Our email to {model.PartnerName} at {model.FailedAddress} could not be delivered, so they may not have received the consultation. They will not be escalated for not answering until a working contact is given.")
            .Quote("The mail system said:", model.Reason)
            .Paragraph(a.AnswersDueBy is { } due
                ? $"Answers are due by {EmailDocument.Date(due)}. Please give a working contact for {model.PartnerName} soon, so it can still answer in time."
                : $"Please give a working contact for {model.PartnerName}, so it can be reached.")
            .Build();
    }

    /// <summary>The decision in words a partner reads.</summary>
    internal static string DecisionText(AnswerDecision decision) => decision switch
    {
        AnswerDecision.Endorse => "Endorse the targets",
        AnswerDecision.Object => "Object to the targets",
        AnswerDecision.RequestChanges => "Request changes to the targets",
        _ => decision.ToString(),
    };

    private static EmailDocument AnswerSection(EmailDocument doc, AgreementSummary agreement, IReadOnlyList<TargetLine> targets, AnswerLinks links, int round) =>
        doc.Facts(
                ("Area", agreement.Area),
                ("Responsible authority", agreement.ResponsibleAuthority),
                ("Answer by", EmailDocument.Date(agreement.AnswersDue)),
                ("Consultation round", round.ToString(CultureInfo.InvariantCulture)))
            .Targets("Your targets", targets)
            .Subheading("How to answer")
            .Link("Answer on the web page", links.Page)
            .Paragraph($"Or reply to this email (it goes to {links.ReplyTo.Email}) with one of these as the first line:")
            .List(["endorse", "object: followed by your reason", "changes: followed by the change you ask for"])
            .Paragraph("Opening the link does not record anything; only the button on the page does.");
}
