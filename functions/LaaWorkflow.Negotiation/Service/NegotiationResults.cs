namespace LaaWorkflow.Negotiation.Service;

/// <summary>How a request to the negotiation service ended.</summary>
public enum NegotiationResultStatus
{
    /// <summary>Done, or handed to the negotiation's orchestration.</summary>
    Accepted,

    /// <summary>The input is invalid; <see cref="NegotiationResult.Errors"/> names each bad field.</summary>
    Invalid,

    /// <summary>No such negotiation or partner.</summary>
    NotFound,

    /// <summary>Not allowed in the negotiation's current phase (for example after finalisation).</summary>
    NotAllowed,
}

/// <summary>The result of an action on a negotiation.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Message">A sentence saying why, for problem details.</param>
/// <param name="Errors">For <see cref="NegotiationResultStatus.Invalid"/>: field path to messages.</param>
public sealed record NegotiationResult(NegotiationResultStatus Status, string? Message = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>Accepted.</summary>
    public static NegotiationResult Accepted(string? message = null) => new(NegotiationResultStatus.Accepted, message);

    /// <summary>No such negotiation.</summary>
    public static NegotiationResult NotFound(string message) => new(NegotiationResultStatus.NotFound, message);

    /// <summary>Not allowed now.</summary>
    public static NegotiationResult NotAllowed(string message) => new(NegotiationResultStatus.NotAllowed, message);

    /// <summary>Invalid input.</summary>
    public static NegotiationResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(NegotiationResultStatus.Invalid, "The request has invalid fields.", errors);

    /// <summary>One invalid field.</summary>
    public static NegotiationResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });
}

/// <summary>The result of starting a negotiation.</summary>
/// <param name="InstanceId">The negotiation id (also the orchestration instance id), when started.</param>
/// <param name="AlreadyStarted">True when an earlier start with the same idempotency key had already started it.</param>
/// <param name="Errors">Each invalid field, when nothing was started.</param>
public sealed record StartNegotiationResult(string? InstanceId, bool AlreadyStarted, IReadOnlyDictionary<string, string[]>? Errors)
{
    /// <summary>True when the negotiation runs (newly or already).</summary>
    public bool Started => InstanceId is not null;
}
