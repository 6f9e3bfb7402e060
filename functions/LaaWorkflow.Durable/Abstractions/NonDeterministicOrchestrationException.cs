namespace LaaWorkflow.Durable;

/// <summary>
/// The orchestrator code and its recorded history disagree: replaying the code produced a different action
/// than the one stored. The instance fails with this error rather than guess.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Creates the error naming the expected (recorded) and the actual (replayed) action.</summary>
    public NonDeterministicOrchestrationException(int taskId, string expected, string actual)
        : base($"Non-deterministic orchestration: at task #{taskId} the history expects {expected} but the code now does {actual}.")
    {
        TaskId = taskId;
        Expected = expected;
        Actual = actual;
    }

    public NonDeterministicOrchestrationException()
        : this(-1, "unknown", "unknown")
    {
    }

    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
        Expected = string.Empty;
        Actual = string.Empty;
    }

    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expected = string.Empty;
        Actual = string.Empty;
    }

    /// <summary>The task sequence number where replay diverged.</summary>
    public int TaskId { get; }

    /// <summary>The action recorded in history.</summary>
    public string Expected { get; }

    /// <summary>The action the code produced on replay.</summary>
    public string Actual { get; }
}
