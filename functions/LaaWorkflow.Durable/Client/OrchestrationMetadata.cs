namespace LaaWorkflow.Durable.Client;

/// <summary>An orchestration instance as a client sees it.</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    /// <summary>The runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was scheduled.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the instance last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The input as JSON, when inputs and outputs were requested.</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The output as JSON, when inputs and outputs were requested and the instance finished.</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The custom status as JSON.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>The failure, when the instance failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The current execution's id.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>The parent's instance id, for a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>True when the instance has started (neither Pending nor unknown).</summary>
    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;

    /// <summary>True when the instance finished (Completed, Failed or Terminated).</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>The input, deserialized.</summary>
    public T? ReadInputAs<T>() => DurableJson.Deserialize<T>(SerializedInput);

    /// <summary>The output, deserialized.</summary>
    public T? ReadOutputAs<T>() => DurableJson.Deserialize<T>(SerializedOutput);

    /// <summary>The custom status, deserialized.</summary>
    public T? ReadCustomStatusAs<T>() => DurableJson.Deserialize<T>(SerializedCustomStatus);
}
