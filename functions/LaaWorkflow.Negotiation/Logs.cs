using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Negotiation;

/// <summary>Every log message of the negotiation project, each naming the negotiation (instance) id.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Negotiation {InstanceId} started for {Area} with {Partners} partners and {Targets} targets")]
    public static partial void NegotiationStarted(ILogger logger, string instanceId, string area, int partners, int targets);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Negotiation {InstanceId}: {Action} accepted")]
    public static partial void ActionAccepted(ILogger logger, string instanceId, string action);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Negotiation {InstanceId}: answer from {PartnerId} for round {Round} handed to its consultation")]
    public static partial void AnswerRaised(ILogger logger, string instanceId, string partnerId, int round);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Negotiation {InstanceId}: answer from {PartnerId} for round {Round} kept for the next try: its consultation is {State}")]
    public static partial void AnswerNotYet(ILogger logger, string instanceId, string partnerId, int round, string state);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Negotiation {InstanceId}: answer from {PartnerId} for round {Round} refused: {Reason}")]
    public static partial void AnswerRefused(ILogger logger, string instanceId, string partnerId, int round, string reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Negotiation {InstanceId}: email to partner {PartnerId} could not be delivered")]
    public static partial void DeliveryProblem(ILogger logger, string instanceId, string partnerId);
}
