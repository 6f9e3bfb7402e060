using LaaWorkflow.Durable.AzureStorage.Hub;
using LaaWorkflow.Durable.AzureStorage.Messaging;
using LaaWorkflow.Durable.AzureStorage.Payloads;
using LaaWorkflow.Durable.AzureStorage.Storage;
using LaaWorkflow.Durable.AzureStorage.Timers;
using LaaWorkflow.Durable.AzureStorage.Tracking;
using LaaWorkflow.Durable.Backend;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LaaWorkflow.Durable.AzureStorage;

/// <summary>
/// The durable runtime's Azure Storage backend: one task hub in one storage account (tables, queues, blobs), shared
/// by any number of hosts. See the project README for the layout, the checkpoint order and the races it guards.
/// </summary>
/// <remarks>
/// A process that only uses the client side (start, query, raise events) never takes partition leases; the worker
/// side starts on the first request for work. Dispose to give this host's partitions back at once.
/// </remarks>
public sealed partial class AzureStorageDurableBackend : IDurableBackend, IIdleSignal, IAsyncDisposable
{
    private readonly HubStorage _storage;
    private readonly TaskHubNames _names;
    private readonly AzureStorageDurableOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly TaskHub _hub;
    private readonly TimerStore _timers;
    private readonly AzureTrackingStore _tracking;
    private readonly AzureMessageSender _sender;
    private readonly ControlQueueDispatcher _orchestrations;
    private readonly ActivityQueueDispatcher _activities;
    private readonly BlobPayloadStore _payloads;
    private readonly Lazy<Task<int>> _created;
    private readonly ReadyTrackingStore _trackingFacade;

    /// <summary>Creates the backend for the hub named in <paramref name="options"/>; the hub is created on first use.</summary>
    /// <param name="options">Connection, hub name and tuning.</param>
    /// <param name="clock">The runtime's clock: timers fire on its time (a virtual clock in tests and demos).</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    public AzureStorageDurableBackend(AzureStorageDurableOptions options, TimeProvider clock, ILoggerFactory? loggerFactory = null)
        : this(CreateStorage(options), options, clock, loggerFactory)
    {
    }

    internal AzureStorageDurableBackend(HubStorage storage, AzureStorageDurableOptions options, TimeProvider clock, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _storage = storage;
        _options = options;
        _clock = clock;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("LaaWorkflow.Durable.AzureStorage");
        _names = new TaskHubNames(options.TaskHubName);
        _hub = new TaskHub(storage, _names);
        _created = new Lazy<Task<int>>(() => _hub.CreateIfNotExistsAsync(options.PartitionCount, CancellationToken.None));
        _payloads = new BlobPayloadStore(storage, _names.LargePayloadContainer);
        _timers = new TimerStore(storage, _names.TimersTable);
        var codec = new MessageCodec(_payloads);
        _tracking = new AzureTrackingStore(storage, _names, _payloads, _logger);
        _sender = new AzureMessageSender(storage, _names, codec, _timers, clock, PartitionCountAsync, options.SendParallelism);
        _orchestrations = new ControlQueueDispatcher(storage, _names, codec, options, EnsureWorkerAsync, _logger);
        _activities = new ActivityQueueDispatcher(storage, _names, codec, options, EnsureWorkerAsync, _logger);
        _trackingFacade = new ReadyTrackingStore(_tracking, PartitionCountAsync);
        _timerPump = new TimerPump(storage, _names, _timers, clock, options.MaxPollingInterval, () => _leases?.Owned ?? [], _logger);
        _sender.TimerScheduled += (_, due) => _timerPump.Schedule(due);
        _orchestrations.Pokes = _sender.Pokes;
        _activities.Pokes = _sender.Pokes;
        _timerPump.Pokes = _sender.Pokes;
        _orchestrations.DeferAsync = (messages, delay, ct) =>
            _sender.SendAsync([.. messages.Select(m => m with { VisibleAt = clock.GetUtcNow() + delay })], ct);
    }

    /// <inheritdoc />
    public IOrchestrationWorkItemQueue Orchestrations => _orchestrations;

    /// <inheritdoc />
    public IActivityWorkItemQueue Activities => _activities;

    /// <inheritdoc />
    public ITrackingStore Tracking => _trackingFacade;

    /// <inheritdoc />
    public IMessageSender Messages => _sender;

    /// <inheritdoc />
    public IPayloadStore Payloads => _payloads;

    /// <summary>Creates the task hub's tables, queues and container if missing; returns its partition count.</summary>
    public Task<int> CreateTaskHubAsync(CancellationToken cancellationToken = default) => PartitionCountAsync(cancellationToken);

    /// <summary>Deletes everything the task hub stored. Stop every host using the hub first.</summary>
    /// <remarks>Warning: this removes every instance, its history and its pending work.</remarks>
    public Task DeleteTaskHubAsync(CancellationToken cancellationToken = default) => _hub.DeleteAsync(cancellationToken);

    private Task<int> PartitionCountAsync(CancellationToken cancellationToken) => _created.Value.WaitAsync(cancellationToken);

    private static HubStorage CreateStorage(AzureStorageDurableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Clients is { } clients ? new AzureHubStorage(clients) : new AzureHubStorage(options.ConnectionString);
    }
}
