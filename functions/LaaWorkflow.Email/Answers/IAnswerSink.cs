namespace LaaWorkflow.Email.Answers;

/// <summary>Where answers go: implemented by the negotiation, which raises them into its orchestration.</summary>
public interface IAnswerSink
{
    /// <summary>Hands an answer to the negotiation.</summary>
    /// <remarks>
    /// Delivery is at least once: the same submission (same negotiation, partner and round) can arrive again after
    /// a crash or a repeated form post, so an implementation must treat a repeat as a no-op that answers as the
    /// first call did.
    /// </remarks>
    Task<AnswerSinkResult> SubmitAsync(AnswerSubmission submission, CancellationToken cancellationToken);
}

/// <summary>Whether an answer was taken.</summary>
public enum AnswerSinkStatus
{
    /// <summary>The answer was recorded (now or by an earlier identical submission).</summary>
    Accepted,

    /// <summary>The consultation no longer takes this answer; <see cref="AnswerSinkResult.Reason"/> says why.</summary>
    Closed,

    /// <summary>No such negotiation or partner.</summary>
    NotFound,

    /// <summary>The consultation cannot take it at this moment (it is being restored after a restart); the caller tries again.</summary>
    NotYet,
}

/// <summary>The negotiation's answer to a submission.</summary>
/// <param name="Status">Accepted, closed or not found.</param>
/// <param name="Reason">For <see cref="AnswerSinkStatus.Closed"/>, a sentence a partner can read, for example "the negotiation was finalised".</param>
public sealed record AnswerSinkResult(AnswerSinkStatus Status, string? Reason = null)
{
    /// <summary>The answer was recorded.</summary>
    public static AnswerSinkResult Accepted { get; } = new(AnswerSinkStatus.Accepted);

    /// <summary>No such negotiation or partner.</summary>
    public static AnswerSinkResult NotFound { get; } = new(AnswerSinkStatus.NotFound);

    /// <summary>The consultation is closed for this answer, for the reason given.</summary>
    public static AnswerSinkResult Closed(string reason) => new(AnswerSinkStatus.Closed, reason);

    /// <summary>Not taken yet: nothing is lost, and the same submission is handed over again on the next try.</summary>
    public static AnswerSinkResult NotYet { get; } = new(AnswerSinkStatus.NotYet);
}
