namespace LaaWorkflow.Durable;

/// <summary>What an activity knows about the call that started it.</summary>
public abstract class TaskActivityContext
{
    /// <summary>The activity's registered name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The instance id of the orchestration that scheduled the activity.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The execution of that instance (a new one after every ContinueAsNew or restart).</summary>
    /// <remarks>Together with <see cref="InstanceId"/> and <see cref="TaskId"/> this keys an idempotent effect.</remarks>
    public abstract string ExecutionId { get; }

    /// <summary>The task's sequence number in the orchestration's history, stable across replays and redeliveries.</summary>
    /// <remarks>A retried call gets a new task id for each attempt; key effects that must happen once per call on the input instead.</remarks>
    public abstract int TaskId { get; }

    /// <summary>A key unique to this scheduled task and stable across redeliveries: <c>instanceId:executionId:taskId</c>.</summary>
    public string IdempotencyKey => $"{InstanceId}:{ExecutionId}:{TaskId}";
}
