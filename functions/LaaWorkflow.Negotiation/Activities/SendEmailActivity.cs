using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Templates;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Reference;
using Microsoft.DurableTask;
using AnswerDecision = LaaWorkflow.Negotiation.Domain.AnswerDecision;
using EmailDecision = LaaWorkflow.Email.Answers.AnswerDecision;

namespace LaaWorkflow.Negotiation.Activities;

/// <summary>
/// Renders and sends one email. The sender is idempotent by the notification's business key, so a redelivered activity
/// sends nothing twice.
/// </summary>
internal sealed class SendEmailActivity(IEmailSender sender, AnswerLinkFactory links) : TaskActivity<Notification, bool>
{
    /// <summary>Answer links keep working a little past the sign-off deadline, so a late answer gets a clear page rather than an expired one.</summary>
    private static readonly TimeSpan s_linkGrace = TimeSpan.FromDays(30);

    public override async Task<bool> RunAsync(TaskActivityContext context, Notification input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (rendered, replyTo) = Render(input);
        var message = new EmailMessage(
            input.Key,
            input.Kind,
            new EmailAddress(input.To.Email, input.To.Name),
            rendered.Subject,
            rendered.Text,
            rendered.Html,
            input.NegotiationId,
            input.Partner?.Id,
            replyTo,
            input.Cc is null ? null : [new EmailAddress(input.Cc.Email, input.Cc.Name)])
        {
            // A rehearsal's mail is dated on its calendar, like everything else it stamps: at the instant the
            // orchestration sent it, not when a busy engine got round to it.
            BusinessTime = input.Header.Pace is { } pace ? new DateTimeOffset(input.At ?? pace.ToBusiness(DateTime.UtcNow), TimeSpan.Zero) : null,
        };
        return await sender.SendAsync(message, CancellationToken.None) == EmailSendResult.Sent;
    }

    /// <summary>Links expire in real time, so a rehearsal's expiry is where its calendar reaches the grace's end.</summary>
    private static DateTimeOffset LinkExpiry(Orchestrations.AgreementHeader header) =>
        new(header.Pace.RealAt(header.SignOffDeadline + s_linkGrace), TimeSpan.Zero);

    internal static IReadOnlyList<TargetLine> Lines(IEnumerable<Target> targets) =>
    [
        .. targets.Select(t => new TargetLine(
            t.Indicator,
            NationalIndicatorSet.TryGet(t.Indicator, out var ni) && t.Kind != TargetKind.Local ? ni.Title : t.Kind == TargetKind.Local ? "Local target" : t.Indicator,
            t.Kind.ToString().ToLowerInvariant(),
            t.Baseline,
            [.. t.Trajectory.OrderBy(y => y.Key, StringComparer.Ordinal).Select(y => new TrajectoryPoint(y.Key, y.Value))])
        {
            HigherIsBetter = t.HigherIsBetter,
            Justification = t.Justification,
        }),
    ];

    private (RenderedEmail Rendered, EmailAddress? ReplyTo) Render(Notification n)
    {
        var summary = new AgreementSummary(
            n.Header.Area, n.Header.ResponsibleAuthority, n.Header.Period,
            n.AnswersDueBy is { } due ? new DateTimeOffset(due, TimeSpan.Zero) : null,
            new DateTimeOffset(n.Header.SignOffDeadline, TimeSpan.Zero))
        {
            IsMultiArea = n.Header.MultiArea,
            Version = n.Header.Version,
        };
        var partners = n.Partners.Select(p => new PartnerStatusLine(p.PartnerName, p.Status, p.Detail, p.EscalationLevel)).ToList();
        AnswerLinks? answer = n.Partner is null
            ? null
            : links.Create(n.NegotiationId, n.Partner.Id, n.Round, LinkExpiry(n.Header));
        var targets = Lines(n.Targets);
        return n.Kind switch
        {
            EmailKind.PartnerInvitation => (EmailTemplates.PartnerInvitation(
                new PartnerInvitationModel(summary, n.To.Name, n.Partner!.Name, targets, answer!, n.Round) { ForAuthority = n.Partner.Body == MultiArea.AuthorityBody }), answer!.ReplyTo),
            EmailKind.PartnerReminder => (EmailTemplates.PartnerReminder(
                new PartnerReminderModel(summary, n.To.Name, n.Partner!.Name, targets, answer!, n.Round, n.ReminderNumber)), answer!.ReplyTo),
            EmailKind.EscalationNotice => (EmailTemplates.EscalationNotice(
                new EscalationNoticeModel(summary, n.To.Name, n.Partner!.Name, n.Partner.Contact.Name, n.EscalationLevel, targets, answer!, n.Round)), answer!.ReplyTo),
            EmailKind.LeadDigest => (EmailTemplates.LeadDigest(
                new LeadDigestModel(summary, n.To.Name, partners, n.AnsweredCount, n.AnsweredCount + partners.Count)), null),
            EmailKind.LeadAnswerNotice => (EmailTemplates.LeadAnswerNotice(
                new LeadAnswerNoticeModel(summary, n.To.Name, n.Partner?.Name ?? "Government Office " + n.Header.GovernmentOffice, ToEmail(n.Decision ?? AnswerDecision.RequestChanges), n.Comment, n.Round)), null),
            EmailKind.GovernmentOfficeSubmission => (EmailTemplates.GovernmentOfficeSubmission(
                new GovernmentOfficeSubmissionModel(summary, n.To.Name, n.Header.GovernmentOffice, targets, partners,
                    links.CreateDecisionPage(n.NegotiationId, n.Round, LinkExpiry(n.Header), n.Office))
                { Refresh = n.Refresh, Changes = n.Changes }), null),
            EmailKind.FinalAgreementNotice => (EmailTemplates.FinalAgreementNotice(
                new FinalAgreementNoticeModel(summary, n.To.Name, targets, partners, n.DocumentUrl, new DateTimeOffset(n.FinalisedAt ?? throw new ArgumentException("A final agreement notice needs the time it was finalised.", nameof(n)), TimeSpan.Zero))), null),
            EmailKind.DeadlineMissedNotice => (EmailTemplates.DeadlineMissedNotice(
                new DeadlineMissedNoticeModel(summary, n.To.Name, n.Reasons, partners)), null),
            EmailKind.LeadChase => (EmailTemplates.LeadChase(
                new LeadChaseModel(summary, n.To.Name, n.Cc?.Name ?? n.To.Name, n.EscalationLevel, n.ReminderNumber,
                    new DateTimeOffset(n.WaitingSince ?? throw new ArgumentException("A chase needs the time the wait began.", nameof(n)), TimeSpan.Zero), n.Comment ?? "")), null),
            EmailKind.SignOffWarning => (EmailTemplates.SignOffWarning(
                new SignOffWarningModel(summary, n.To.Name, n.DaysLeft, n.Comment ?? "", n.Reasons)), null),
            _ => throw new ArgumentException($"The negotiation workflow does not send {n.Kind} emails.", nameof(n)),
        };
    }

    private static EmailDecision ToEmail(AnswerDecision decision) => decision switch
    {
        AnswerDecision.Endorse => EmailDecision.Endorse,
        AnswerDecision.Object => EmailDecision.Object,
        _ => EmailDecision.RequestChanges,
    };
}
