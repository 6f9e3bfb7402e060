using Azure;
using LaaWorkflow.Email.Storage;
using LaaWorkflow.Email.Templates;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Email.Answers;

/// <summary>What recording an answer came to.</summary>
internal enum RecordStatus
{
    /// <summary>This answer was recorded now.</summary>
    Recorded,

    /// <summary>An answer for this round was recorded before; <see cref="RecordOutcome.Answer"/> is that first answer.</summary>
    AlreadyRecorded,

    /// <summary>The consultation no longer takes answers on this link.</summary>
    Closed,

    /// <summary>No such negotiation or partner.</summary>
    NotFound,

    /// <summary>Storage or the negotiation failed; nothing can be promised, the partner should try again.</summary>
    Unavailable,
}

internal sealed record RecordOutcome(RecordStatus Status, AnswerSubmission? Answer, string? Reason, ConsultationView? View);

/// <summary>
/// Records an answer exactly once, whichever way it came (link or reply).
/// </summary>
/// <remarks>
/// Order, and why: the ledger row is written first with insert-if-absent, then the sink is called. A crash between
/// the two leaves a ledger row whose answer may not have reached the negotiation; the next POST or reply for that
/// round finds the row and calls the sink again with the stored (first) answer, which the sink treats as a repeat.
/// So an answer is never lost once the partner saw a confirmation, and a second, different answer is never applied.
/// </remarks>
internal sealed class AnswerRecorder
{
    private readonly IAnswerLedger _ledger;
    private readonly IAnswerSink _sink;
    private readonly IConsultationLookup _lookup;
    private readonly IEmailSender _sender;
    private readonly ILogger<AnswerRecorder> _logger;

    public AnswerRecorder(IAnswerLedger ledger, IAnswerSink sink, IConsultationLookup lookup, IEmailSender sender, ILogger<AnswerRecorder> logger)
    {
        _ledger = ledger;
        _sink = sink;
        _lookup = lookup;
        _sender = sender;
        _logger = logger;
    }

    /// <summary>The view and any stored answer for a token, reading only.</summary>
    public async Task<RecordOutcome> PeekAsync(AnswerToken token, CancellationToken cancellationToken)
    {
        try
        {
            var view = await _lookup.GetAsync(token.NegotiationId, token.PartnerId, cancellationToken);
            if (view is null)
            {
                return new RecordOutcome(RecordStatus.NotFound, null, null, null);
            }

            var existing = await _ledger.GetAsync(token.NegotiationId, token.PartnerId, token.Round, cancellationToken);
            if (existing is not null)
            {
                return new RecordOutcome(RecordStatus.AlreadyRecorded, existing, null, view);
            }

            var closed = ClosedReason(token, view);
            return closed is null
                ? new RecordOutcome(RecordStatus.Recorded, null, null, view)
                : new RecordOutcome(RecordStatus.Closed, null, closed, view);
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            Logs.StoreUnavailable(_logger, token.NegotiationId, token.PartnerId, ex);
            return new RecordOutcome(RecordStatus.Unavailable, null, null, null);
        }
    }

    public async Task<RecordOutcome> RecordAsync(AnswerSubmission submission, CancellationToken cancellationToken)
    {
        var token = new AnswerToken(submission.NegotiationId, submission.PartnerId, submission.Round, DateTimeOffset.MaxValue);
        try
        {
            var existing = await _ledger.GetAsync(submission.NegotiationId, submission.PartnerId, submission.Round, cancellationToken);
            ConsultationView? view;
            if (existing is null)
            {
                view = await _lookup.GetAsync(submission.NegotiationId, submission.PartnerId, cancellationToken);
                if (view is null)
                {
                    return new RecordOutcome(RecordStatus.NotFound, null, null, null);
                }

                var closed = ClosedReason(token, view);
                if (closed is not null)
                {
                    Logs.AnswerRefused(_logger, submission.NegotiationId, submission.PartnerId, submission.Round, closed);
                    return new RecordOutcome(RecordStatus.Closed, null, closed, view);
                }

                existing = await _ledger.InsertOrGetAsync(submission, cancellationToken);
            }
            else
            {
                view = await _lookup.GetAsync(submission.NegotiationId, submission.PartnerId, cancellationToken);
            }

            // Always hand over the stored answer: after a crash it may not have reached the negotiation yet.
            var result = await _sink.SubmitAsync(existing, cancellationToken);
            var repeated = existing != submission;
            switch (result.Status)
            {
                case AnswerSinkStatus.Accepted:
                    Logs.AnswerRecorded(_logger, existing.NegotiationId, existing.PartnerId, existing.Round, existing.Decision, existing.Source, repeated);
                    if (view is not null)
                    {
                        await SendConfirmationAsync(existing, view, cancellationToken);
                    }

                    return new RecordOutcome(repeated ? RecordStatus.AlreadyRecorded : RecordStatus.Recorded, existing, null, view);
                case AnswerSinkStatus.Closed:
                    Logs.AnswerRefused(_logger, existing.NegotiationId, existing.PartnerId, existing.Round, result.Reason ?? "closed");
                    return new RecordOutcome(RecordStatus.Closed, existing, result.Reason ?? "The consultation is closed.", view);
                case AnswerSinkStatus.NotYet:
                    // Kept in the ledger; the partner's next try (the page asks for one) hands it over again.
                    return new RecordOutcome(RecordStatus.Unavailable, null, null, view);
                default:
                    return new RecordOutcome(RecordStatus.NotFound, null, null, view);
            }
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            Logs.StoreUnavailable(_logger, submission.NegotiationId, submission.PartnerId, ex);
            return new RecordOutcome(RecordStatus.Unavailable, null, null, null);
        }
    }

    /// <summary>Failures of storage or of the negotiation's store: the partner is asked to try again, which is safe.</summary>
    private static bool IsOutage(Exception ex) =>
        ex is AnswerLedgerUnavailableException or RequestFailedException or HttpRequestException or TimeoutException;

    private static string? ClosedReason(AnswerToken token, ConsultationView view)
    {
        if (token.Round < view.CurrentRound)
        {
            return "A newer consultation round superseded this link. Please use the link in the most recent email.";
        }

        if (token.Round > view.CurrentRound)
        {
            return "This link belongs to a consultation round that is not open.";
        }

        return view.IsOpen ? null : view.ClosedReason ?? "The consultation is closed.";
    }

    private async Task SendConfirmationAsync(AnswerSubmission answer, ConsultationView view, CancellationToken cancellationToken)
    {
        if (view.Contact is null)
        {
            return;
        }

        var rendered = EmailTemplates.AnswerConfirmation(new AnswerConfirmationModel(
            new AgreementSummary(view.Area, view.ResponsibleAuthority, view.Period, view.ResponseDeadline, view.SignOffDeadline),
            view.Contact.Name ?? view.PartnerName,
            view.PartnerName,
            answer.Decision,
            answer.Comment,
            answer.Round,
            view.Dated(answer.ReceivedAt)));

        // One confirmation per answer: the key is the ledger's, so repeats of the same answer do not mail again.
        var key = $"answer-confirmation/{answer.NegotiationId}/{answer.PartnerId}/{answer.Round}";
        try
        {
            await _sender.SendAsync(
                new EmailMessage(key, EmailKind.AnswerConfirmation, view.Contact, rendered.Subject, rendered.Text, rendered.Html, answer.NegotiationId, answer.PartnerId)
                {
                    BusinessTime = view.BusinessTimeOf is null ? null : view.Dated(DateTimeOffset.UtcNow),
                },
                cancellationToken);
        }
        catch (EmailDeliveryException ex)
        {
            // The answer is recorded either way; the confirmation is a courtesy and is sent again on a repeat.
            Logs.ConfirmationFailed(_logger, answer.NegotiationId, answer.PartnerId, ex);
        }
    }
}
