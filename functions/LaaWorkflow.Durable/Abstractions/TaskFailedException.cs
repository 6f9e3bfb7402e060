namespace LaaWorkflow.Durable;

/// <summary>Thrown into an orchestration when an activity or sub-orchestration it awaited failed.</summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception for a failed task.</summary>
    public TaskFailedException(TaskName taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    public TaskFailedException()
        : this("unknown", -1, new TaskFailureDetails("unknown", "unknown", null, null))
    {
    }

    public TaskFailedException(string message)
        : this("unknown", -1, new TaskFailureDetails("unknown", message, null, null))
    {
    }

    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskName = "unknown";
        TaskId = -1;
        FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    /// <summary>The name of the activity or orchestrator that failed.</summary>
    public TaskName TaskName { get; }

    /// <summary>The sequence number of the failed task in the calling orchestration's history.</summary>
    public int TaskId { get; }

    /// <summary>The failure as the task reported it.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
