using DurableTask.Core;
using Grpc.Core;
using Microsoft.DurableTask.Protobuf;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.TaskHub;

/// <summary>
/// The sidecar, holding the worker's work-item stream until the task hub exists. The sidecar starts the backend and
/// its dispatchers when a worker connects, and the backend cannot start without its tables and queues; while storage
/// is out the worker's connection just waits here, and work begins once the hub has been created.
/// </summary>
internal sealed class HubGatedGrpcServer(
    Task hubCreated,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers,
    IOrchestrationService service,
    IOrchestrationServiceClient client,
    IOptions<TaskHubGrpcServerOptions> options)
    : TaskHubGrpcServer(lifetime, loggers, service, client, options)
{
    public override async Task GetWorkItems(GetWorkItemsRequest request, IServerStreamWriter<WorkItem> responseStream, ServerCallContext context)
    {
        await hubCreated.WaitAsync(context.CancellationToken);
        await base.GetWorkItems(request, responseStream, context);
    }
}
