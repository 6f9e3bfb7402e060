using DurableTask.Core;
using DurableTask.Core.History;

namespace LaaWorkflow.TaskHub;

/// <summary>
/// Stands between the gRPC sidecar and the backend so that what the sidecar builds for a sub-orchestration can be
/// stored and read back by DurableTask.AzureStorage.
/// </summary>
/// <remarks>
/// Two things the sidecar hands over are not plain DurableTask types:
/// <list type="bullet">
/// <item>the child's <see cref="ExecutionStartedEvent"/> carries the SDK's tags as the protobuf map it received
/// (<c>Google.Protobuf.Collections.MapField</c>); queue messages are written with Newtonsoft's type names, and that type
/// cannot be loaded back, so every child start was dropped as unreadable;</item>
/// <item>the parent's history records the child as the sidecar's own subclass of
/// <see cref="SubOrchestrationInstanceCreatedEvent"/>, which the History table's converter writes without any of its
/// fields, so the parent's history could no longer be read and it never saw its children finish.</item>
/// </list>
/// Both are copied into the plain DurableTask types before the backend writes them. Everything else passes through.
/// </remarks>
internal sealed class PlainTypesOrchestrationService(IOrchestrationService inner) : DelegatingOrchestrationService(inner)
{
    public override Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        // The dispatchers always pass the lists and the new state; only the continue-as-new message may be missing.
        foreach (var message in orchestratorMessages)
        {
            PlainTags(message);
        }

        PlainTags(continuedAsNewMessage);
        PlainEvents(newOrchestrationRuntimeState.Events);
        PlainEvents(newOrchestrationRuntimeState.NewEvents);

        return base.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    private static void PlainTags(TaskMessage? message)
    {
        if (message?.Event is ExecutionStartedEvent { Tags: { } tags } started && tags.GetType() != typeof(Dictionary<string, string>))
        {
            started.Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal);
        }
    }

    private static void PlainEvents(IList<HistoryEvent> events)
    {
        if (events.IsReadOnly)
        {
            return;
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    ClientSpanId = created.ClientSpanId,
                    Tags = created.Tags is null ? null : new Dictionary<string, string>(created.Tags, StringComparer.Ordinal),
                    Timestamp = created.Timestamp,
                    IsPlayed = created.IsPlayed,
                };
            }
        }
    }
}
