using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.TaskHub;

/// <summary>
/// The SDK's in-memory orchestration service with this host's concurrency. Left as it is, it allows as many work items
/// at once as the machine has cores, and the sidecar's dispatcher, once that many are running, looks again only every
/// 500 ms: on a small machine a negotiation's parent and partner orchestrations then wait seconds for each other.
/// </summary>
internal sealed class InMemoryTaskHubService(ILoggerFactory loggers, TaskHubOptions options)
    : InMemoryOrchestrationService(loggers), IOrchestrationService
{
    int IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems => options.MaxConcurrentOrchestratorFunctions;

    int IOrchestrationService.MaxConcurrentTaskActivityWorkItems => options.MaxConcurrentActivityFunctions;
}
