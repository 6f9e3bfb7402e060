using System.Security.Cryptography;
using System.Text;
using LaaWorkflow.Email;
using LaaWorkflow.Email.Events;
using LaaWorkflow.Email.Templates;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Orchestrations;
using LaaWorkflow.Negotiation.ReadModels;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Negotiation.Answers;

/// <summary>A bounce: flags the partner on the agreement, records it on the timeline and tells the LSP lead, once per address and reason.</summary>
internal sealed class NegotiationDeliveryProblemSink(
    IAgreementStore store, IEmailSender sender, TimeProvider time, ILogger<NegotiationDeliveryProblemSink> logger) : IDeliveryProblemSink
{
    public async Task ReportAsync(string negotiationId, string partnerId, string email, string reason, CancellationToken cancellationToken)
    {
        if (!InstanceIds.IsWellFormed(negotiationId))
        {
            return;
        }

        var summary = await store.GetSummaryAsync(negotiationId, cancellationToken);
        var partner = summary?.Definition.FindPartner(partnerId);
        if (summary is null || partner is null)
        {
            return;
        }

        Logs.DeliveryProblem(logger, negotiationId, partnerId);
        // Stamped in the negotiation's business time, as everything on its timeline is (a rehearsal's calendar is not the wall clock).
        await store.FlagDeliveryProblemAsync(
            negotiationId, partnerId, email, reason, summary.Definition.Pace.BusinessAt(time.GetUtcNow().UtcDateTime), cancellationToken);
        var definition = summary.Definition;
        var rendered = EmailTemplates.DeliveryProblemNotice(new DeliveryProblemNoticeModel(
            new AgreementSummary(definition.Area, definition.ResponsibleAuthority, definition.Period,
                summary.Phase == NegotiationPhase.Consultation && summary.NextDeadline is { } due ? new DateTimeOffset(due, TimeSpan.Zero) : null,
                new DateTimeOffset(definition.Timetable.SignOffDeadline, TimeSpan.Zero)),
            definition.LspLead.Name, partner.Name, email, reason));
        var key = $"{negotiationId}:{partnerId}:bounce:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email + "\n" + reason)))[..12]}";
        await sender.SendAsync(
            new EmailMessage(key, EmailKind.DeliveryProblemNotice, new EmailAddress(definition.LspLead.Email, definition.LspLead.Name),
                rendered.Subject, rendered.Text, rendered.Html, negotiationId, partnerId)
            {
                // Dated on a rehearsal's calendar, like every other email of the negotiation.
                BusinessTime = definition.Pace is null ? null : new DateTimeOffset(definition.Pace.BusinessAt(time.GetUtcNow().UtcDateTime), TimeSpan.Zero),
            },
            cancellationToken);
    }
}
