using LaaWorkflow.Durable.History;

namespace LaaWorkflow.Durable.Backend;

/// <summary>A message between the parts of the runtime: an event for an orchestration instance, or an activity to run.</summary>
/// <remarks>
/// Routing: a <see cref="TaskScheduledEvent"/> goes to the activity work-item queue; every other event goes to the
/// control queue of <see cref="InstanceId"/>. Delivery is at least once; receivers make duplicates harmless.
/// </remarks>
/// <param name="MessageId">Unique per message and kept on redelivery (a resend from the outbox keeps it too).</param>
/// <param name="InstanceId">The target instance (for an activity: the orchestration that scheduled it).</param>
/// <param name="ExecutionId">The target execution, or null for whichever execution is current.</param>
/// <param name="Event">The payload.</param>
public sealed record TaskMessage(string MessageId, string InstanceId, string? ExecutionId, HistoryEvent Event)
{
    /// <summary>The message must not be delivered before this time (durable timers, scheduled starts).</summary>
    public DateTimeOffset? VisibleAt { get; init; }

    /// <summary>True when the message is an activity to run rather than an orchestration event.</summary>
    public bool IsActivity => Event is TaskScheduledEvent;
}
