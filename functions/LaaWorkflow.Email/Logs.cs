using LaaWorkflow.Email.Answers;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Email;

/// <summary>Every log message of the email library; each names the negotiation (the orchestration instance) it concerns.</summary>
internal static partial class Logs
{
    [LoggerMessage(1, LogLevel.Information, "Email {Key} ({Kind}) for negotiation {NegotiationId} sent through {Transport}")]
    public static partial void EmailSent(ILogger logger, string key, EmailKind kind, string negotiationId, string transport);

    [LoggerMessage(2, LogLevel.Debug, "Email {Key} for negotiation {NegotiationId} was already sent; nothing done")]
    public static partial void EmailAlreadySent(ILogger logger, string key, string negotiationId);

    [LoggerMessage(3, LogLevel.Warning, "SendGrid answered {StatusCode} for email {Key} of negotiation {NegotiationId} (attempt {Attempt}); retrying in {Delay}")]
    public static partial void SendGridRetry(ILogger logger, int? statusCode, string key, string negotiationId, int attempt, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Error, "SendGrid refused email {Key} of negotiation {NegotiationId} with {StatusCode}: {Errors}")]
    public static partial void SendGridRefused(ILogger logger, string key, string negotiationId, int? statusCode, string errors);

    [LoggerMessage(5, LogLevel.Warning, "Email {Key} of negotiation {NegotiationId} was left in flight by an earlier attempt; sending again")]
    public static partial void ResendingInFlight(ILogger logger, string key, string negotiationId);

    [LoggerMessage(10, LogLevel.Information, "Answer {Decision} from partner {PartnerId} in round {Round} of negotiation {NegotiationId} via {Source} (repeat: {Repeated})")]
    public static partial void AnswerRecorded(ILogger logger, string negotiationId, string partnerId, int round, AnswerDecision decision, AnswerSource source, bool repeated);

    [LoggerMessage(11, LogLevel.Information, "Answer from partner {PartnerId} in round {Round} of negotiation {NegotiationId} refused: {Reason}")]
    public static partial void AnswerRefused(ILogger logger, string negotiationId, string partnerId, int round, string reason);

    [LoggerMessage(12, LogLevel.Error, "Storage or the negotiation failed while handling the answer of partner {PartnerId} in negotiation {NegotiationId}")]
    public static partial void StoreUnavailable(ILogger logger, string negotiationId, string partnerId, Exception exception);

    [LoggerMessage(13, LogLevel.Warning, "The answer confirmation to partner {PartnerId} in negotiation {NegotiationId} could not be sent")]
    public static partial void ConfirmationFailed(ILogger logger, string negotiationId, string partnerId, Exception exception);

    [LoggerMessage(14, LogLevel.Information, "Answer link refused ({Status}) for negotiation {NegotiationId}")]
    public static partial void TokenRefused(ILogger logger, string negotiationId, TokenVerificationStatus status);

    [LoggerMessage(20, LogLevel.Warning, "Inbound email refused: {Reason} (negotiation {NegotiationId})")]
    public static partial void InboundRefused(ILogger logger, string reason, string negotiationId);

    [LoggerMessage(21, LogLevel.Information, "Inbound reply for negotiation {NegotiationId} from partner {PartnerId} not understood: {Problem}")]
    public static partial void ReplyNotUnderstood(ILogger logger, string negotiationId, string partnerId, string problem);

    [LoggerMessage(30, LogLevel.Warning, "Event webhook refused: {Reason} (negotiation {NegotiationId})")]
    public static partial void EventsRefused(ILogger logger, string reason, string negotiationId);

    [LoggerMessage(31, LogLevel.Warning, "Delivery problem ({Event}) for partner {PartnerId} of negotiation {NegotiationId}: {Reason}")]
    public static partial void DeliveryProblem(ILogger logger, string negotiationId, string partnerId, string @event, string reason);
}
