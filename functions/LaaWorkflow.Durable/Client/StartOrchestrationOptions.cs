namespace LaaWorkflow.Durable.Client;

/// <summary>Options for scheduling a new instance.</summary>
/// <param name="InstanceId">The instance id; a new GUID when null. Reusing the id of a finished instance starts it afresh.</param>
/// <param name="StartAt">Start no earlier than this time; immediately when null.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);
