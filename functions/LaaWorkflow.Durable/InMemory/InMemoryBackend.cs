using LaaWorkflow.Durable.Backend;

namespace LaaWorkflow.Durable.InMemory;

/// <summary>Settings of the in-memory backend.</summary>
public sealed class InMemoryBackendOptions
{
    /// <summary>The longest message delay, as Azure Storage queues have (7 days), so long timers are chained here too.</summary>
    public TimeSpan MaxMessageDelay { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// The reference backend: everything in process memory under one lock. Fast enough for unit tests and benchmarks, and
/// the model the Azure Storage backend follows. Data is lost when the process ends.
/// </summary>
public sealed class InMemoryBackend : IDurableBackend, IIdleSignal, IDisposable
{
    private readonly InMemoryStore _store;

    /// <summary>Creates a backend whose delayed messages run on <paramref name="time"/>.</summary>
    public InMemoryBackend(TimeProvider time, InMemoryBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _store = new InMemoryStore(time, options ?? new InMemoryBackendOptions());
        Orchestrations = new InMemoryOrchestrationQueue(_store);
        Activities = new InMemoryActivityQueue(_store);
    }

    /// <inheritdoc/>
    public IOrchestrationWorkItemQueue Orchestrations { get; }

    /// <inheritdoc/>
    public IActivityWorkItemQueue Activities { get; }

    /// <inheritdoc/>
    public ITrackingStore Tracking => _store;

    /// <inheritdoc/>
    public IMessageSender Messages => _store;

    /// <inheritdoc/>
    public IPayloadStore Payloads => _store;

    /// <inheritdoc/>
    public Task WaitForIdleAsync(CancellationToken cancellationToken) => _store.WaitForIdleAsync(cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _store.Dispose();
}
