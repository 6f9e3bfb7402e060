using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.TaskHub;

/// <summary>
/// Drops a start message for an instance that has started already, as DurableTask.Core's own dispatcher does and the
/// gRPC sidecar's does not.
/// </summary>
/// <remarks>
/// DurableTask.AzureStorage sends an episode's messages before it checkpoints the episode. A host that dies in between
/// replays the parent's episode, which sends its sub-orchestration's start again: the child, already running, then
/// receives a second <see cref="ExecutionStartedEvent"/>. The sidecar's dispatcher fails every work item of such an
/// instance ("Multiple ExecutionStartedEvent found"), so the partner's consultation stopped for good, and its answer
/// with it; the crash test caught it. The duplicate carries nothing the running instance lacks, so it is dropped
/// (the backend still deletes it with the rest of the batch).
/// </remarks>
internal sealed class DuplicateStartDroppingOrchestrationService(IOrchestrationService inner, ILogger logger) : DelegatingOrchestrationService(inner)
{
    public override async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await base.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        if (workItem?.NewMessages is { IsReadOnly: false } messages)
        {
            var started = workItem.OrchestrationRuntimeState?.ExecutionStartedEvent is not null;
            var dropped = 0;
            for (var i = 0; i < messages.Count; i++)
            {
                if (messages[i].Event is not ExecutionStartedEvent)
                {
                    continue;
                }

                if (started)
                {
                    messages.RemoveAt(i--);
                    dropped++;
                }
                else
                {
                    // The first start in the batch starts the instance; any later one in it is a duplicate.
                    started = true;
                }
            }

            if (dropped > 0)
            {
                Logs.DuplicateStartDropped(logger, workItem.InstanceId, dropped);
            }
        }

        return workItem!;
    }
}
