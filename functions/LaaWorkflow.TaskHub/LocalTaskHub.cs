using System.Net;
using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.TaskHub;

/// <summary>
/// The one adapter over the engine: DurableTask.AzureStorage's orchestration service (or, for tests, the SDK's
/// in-memory one) behind the Durable Task gRPC sidecar, served on loopback inside this process. It plays the part the Durable Functions extension plays in Azure;
/// the Microsoft.DurableTask worker and client talk to it over <see cref="Channel"/>.
/// </summary>
/// <remarks>
/// <c>TaskHubGrpcServer</c> comes from a preview testing package, so nothing else names it: were it to go, DurableTask.Core's
/// own <c>TaskHubWorker</c> could stand here instead. The server accepts one worker connection at a time, so a process
/// runs one worker against it.
/// </remarks>
internal sealed class LocalTaskHub : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromSeconds(5);

    // How long the start waits for the hub before the host goes on without it: enough for storage that answers, short
    // enough that a host started during a storage outage comes up at once to say so (health 503).
    private static readonly TimeSpan s_startupWait = TimeSpan.FromSeconds(5);

    private readonly ILoggerFactory _loggers;
    private readonly TaskCompletionSource<int> _boundPort = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _hubCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _creating;
    private WebApplication? _sidecar;
    private bool _disposed;

    public LocalTaskHub(string storageConnectionString, TaskHubOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        _loggers = loggers;
        Options = options;
        if (string.Equals(options.StorageProvider.Type, TaskHubStorageOptions.InMemoryType, StringComparison.OrdinalIgnoreCase))
        {
            var memory = new InMemoryTaskHubService(loggers, options);
            (Service, Client) = (memory, memory);
        }
        else if (string.Equals(options.StorageProvider.Type, TaskHubStorageOptions.AzureStorageType, StringComparison.OrdinalIgnoreCase))
        {
            var azure = new AzureStorageOrchestrationService(Settings(storageConnectionString, options, loggers));
            (Service, Client) = (new DuplicateStartDroppingOrchestrationService(new PlainTypesOrchestrationService(azure), loggers.CreateLogger<LocalTaskHub>()), azure);
        }
        else
        {
            throw new InvalidOperationException(
                $"DurableTask:StorageProvider:Type is '{options.StorageProvider.Type}'; use '{TaskHubStorageOptions.AzureStorageType}' or '{TaskHubStorageOptions.InMemoryType}'.");
        }

        // The worker and client are given the channel before the sidecar listens, so its address cannot name the port:
        // the sidecar binds any free one when it starts (a port probed free beforehand can be taken meanwhile, by
        // another host or by an outgoing connection, and the start then fails), and each connection waits for it.
        Channel = GrpcChannel.ForAddress("http://127.0.0.1", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectCallback = ConnectToSidecarAsync,
                // As the channel's own handler would: more than one connection once a connection's streams are used up.
                EnableMultipleHttp2Connections = true,
            },
        });
    }

    public TaskHubOptions Options { get; }

    /// <summary>The channel the worker and the client use.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>The backend the sidecar dispatches from.</summary>
    public IOrchestrationService Service { get; }

    /// <summary>The backend's client side, for what the gRPC protocol does not carry (an instance's full history).</summary>
    public IOrchestrationServiceClient Client { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The hub's tables, queues and lease blobs are created once (a no-op when they exist), retried until storage
        // answers: a host started while storage is out must still start, and the sidecar holds the worker until then.
        _creating = CreateHubAsync(_stopping.Token);
        await Task.WhenAny(_creating, Task.Delay(s_startupWait, cancellationToken));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton(_loggers);
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = null);
        builder.Services.AddSingleton<IOrchestrationService>(new StopAfterStartOrchestrationService(Service));
        builder.Services.AddSingleton(Client);
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<HubGatedGrpcServer>(sp, _hubCreated.Task));
        _sidecar = builder.Build();
        _sidecar.MapGrpcService<HubGatedGrpcServer>();
        await _sidecar.StartAsync(cancellationToken);
        _boundPort.TrySetResult(new Uri(_sidecar.Urls.Single()).Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may be stopped again after the container disposed its services (a test host's dispose does both).
        if (_disposed)
        {
            return;
        }

        await _stopping.CancelAsync();
        _hubCreated.TrySetCanceled(_stopping.Token);
        _boundPort.TrySetCanceled(_stopping.Token);
        if (_sidecar is not null)
        {
            await _sidecar.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopping.Dispose();
        Channel.Dispose();
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }
    }

    private async Task CreateHubAsync(CancellationToken stopping)
    {
        var logger = _loggers.CreateLogger<LocalTaskHub>();
        for (var attempt = 1; !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await Service.CreateIfNotExistsAsync();
                _hubCreated.TrySetResult();
                return;
            }
            catch (Exception error) when (!stopping.IsCancellationRequested)
            {
                Logs.HubNotCreated(logger, error, Options.HubName, attempt, s_retryDelay);
            }

            try
            {
                await Task.Delay(s_retryDelay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static AzureStorageOrchestrationServiceSettings Settings(string connectionString, TaskHubOptions options, ILoggerFactory loggers) => new()
    {
        TaskHubName = options.HubName,
        StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
        LoggerFactory = loggers,
        PartitionCount = options.StorageProvider.PartitionCount,
        MaxQueuePollingInterval = options.StorageProvider.MaxQueuePollingInterval,
        ControlQueueBatchSize = options.StorageProvider.ControlQueueBatchSize,
        ControlQueueBufferThreshold = options.StorageProvider.ControlQueueBufferThreshold,
        ControlQueueVisibilityTimeout = options.StorageProvider.ControlQueueVisibilityTimeout,
        WorkItemQueueVisibilityTimeout = options.StorageProvider.WorkItemQueueVisibilityTimeout,
        MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivityFunctions,
        MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestratorFunctions,
        ExtendedSessionsEnabled = options.ExtendedSessionsEnabled,
        ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(options.ExtendedSessionIdleTimeoutInSeconds),
        WorkerId = string.IsNullOrWhiteSpace(options.WorkerId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : options.WorkerId,
    };

    private async ValueTask<Stream> ConnectToSidecarAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var port = await _boundPort.Task.WaitAsync(cancellationToken);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
