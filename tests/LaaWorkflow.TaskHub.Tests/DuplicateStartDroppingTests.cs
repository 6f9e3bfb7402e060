using System.Reflection;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging.Abstractions;

namespace LaaWorkflow.TaskHub.Tests;

public sealed class DuplicateStartDroppingTests
{
    [Fact]
    public async Task LockNext_StartedInstanceGetsAStartAgain_TheDuplicateIsDroppedAndTheRestKept()
    {
        var running = new OrchestrationRuntimeState([Started()]);
        var raised = Message(new EventRaisedEvent(-1, "\"yes\"") { Name = "PartnerAnswer" });
        var workItem = new TaskOrchestrationWorkItem { InstanceId = "child", OrchestrationRuntimeState = running, NewMessages = [Message(Started()), raised] };

        var locked = await Service(workItem).LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal([raised], locked.NewMessages);
    }

    [Fact]
    public async Task LockNext_NewInstanceWithTwoStarts_TheFirstStartsItAndTheSecondIsDropped()
    {
        var first = Message(Started());
        var workItem = new TaskOrchestrationWorkItem { InstanceId = "child", OrchestrationRuntimeState = new OrchestrationRuntimeState(), NewMessages = [first, Message(Started())] };

        var locked = await Service(workItem).LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal([first], locked.NewMessages);
    }

    private static ExecutionStartedEvent Started() =>
        new(-1, "{}") { Name = "PartnerConsultationOrchestrator", OrchestrationInstance = new OrchestrationInstance { InstanceId = "child", ExecutionId = "e1" } };

    private static TaskMessage Message(HistoryEvent e) => new() { Event = e, OrchestrationInstance = new OrchestrationInstance { InstanceId = "child", ExecutionId = "e1" } };

    private static DuplicateStartDroppingOrchestrationService Service(TaskOrchestrationWorkItem next)
    {
        var backend = DispatchProxy.Create<IOrchestrationService, Backend>();
        ((Backend)(object)backend).Next = next;
        return new DuplicateStartDroppingOrchestrationService(backend, NullLogger.Instance);
    }

    /// <summary>A backend whose only answer is the next work item.</summary>
    public class Backend : DispatchProxy
    {
        public TaskOrchestrationWorkItem? Next { get; set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(IOrchestrationService.LockNextTaskOrchestrationWorkItemAsync)
                ? Task.FromResult(Next!)
                : throw new NotSupportedException(targetMethod?.Name);
    }
}
