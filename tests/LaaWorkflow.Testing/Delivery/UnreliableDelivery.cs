using LaaWorkflow.Durable;
using LaaWorkflow.Durable.AzureStorage;
using LaaWorkflow.Durable.AzureStorage.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Testing.Delivery;

/// <summary>
/// Duplicate and reordered delivery, injected where a real queue would cause it: between the Azure Storage backend
/// and its queues. Every message the backend sends to a control queue or the work-item queue (orchestration starts,
/// events, activity work, results, timers) may be sent twice, late, or held back; received batches come out of
/// order. The backend's own logic runs unchanged on real Azurite.
/// </summary>
/// <remarks>
/// Use one instance per backend: <c>delivery.UseAzureStorageBackend(builder, o =&gt; ...)</c> in place of the
/// backend's own extension, or <see cref="CreateBackend"/>. The counters say how much was injected, so a test can
/// prove the faults happened.
/// </remarks>
public sealed class UnreliableDelivery
{
    private readonly Lock _gate = new();
    private readonly List<(string Queue, string Text)> _held = [];
    private readonly Random _random;
    private UnreliableQueueStorage? _storage;
    private int _messagesSent;
    private int _copiesSent;
    private int _batchesShuffled;
    private int _sendsLost;

    /// <summary>Creates an injector; nothing happens until a backend is created through it.</summary>
    public UnreliableDelivery(UnreliableDeliveryOptions? options = null)
    {
        Options = options ?? new UnreliableDeliveryOptions();
        _random = new Random(Options.Seed);
    }

    /// <summary>What is injected.</summary>
    public UnreliableDeliveryOptions Options { get; }

    /// <summary>Turns injection off (messages then go through untouched) and on again.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Messages the backend sent to its queues.</summary>
    public int MessagesSent => Volatile.Read(ref _messagesSent);

    /// <summary>Second copies sent (including released held copies).</summary>
    public int CopiesSent => Volatile.Read(ref _copiesSent);

    /// <summary>Second copies waiting for <see cref="ReleaseHeldAsync"/>.</summary>
    public int CopiesHeld
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>Delayed sends that failed (storage gone): a fault of the test rig, not of the backend; should stay 0.</summary>
    public int SendsLost => Volatile.Read(ref _sendsLost);

    /// <summary>Received batches of two or more messages handed over in a shuffled order.</summary>
    public int BatchesShuffled => Volatile.Read(ref _batchesShuffled);

    /// <summary>Creates the Azure Storage backend with this injector between it and its storage account.</summary>
    public AzureStorageDurableBackend CreateBackend(AzureStorageDurableOptions options, TimeProvider clock, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        HubStorage inner = options.Clients is { } clients ? new AzureHubStorage(clients) : new AzureHubStorage(options.ConnectionString);
        var storage = new UnreliableQueueStorage(inner, this);
        lock (_gate)
        {
            if (_storage is not null)
            {
                throw new InvalidOperationException("An UnreliableDelivery serves one backend; create another for a second backend.");
            }

            _storage = storage;
        }

        return new AzureStorageDurableBackend(storage, options, clock, loggerFactory);
    }

    /// <summary>Like <c>UseAzureStorageBackend</c>, with this injector in the way of every queue message.</summary>
    public DurableTaskWorkerBuilder UseAzureStorageBackend(DurableTaskWorkerBuilder builder, Action<AzureStorageDurableOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AzureStorageDurableOptions();
        configure(options);
        builder.Services.TryAddSingleton(sp => CreateBackend(options, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>()));
        return builder.UseBackend(sp => sp.GetRequiredService<AzureStorageDurableBackend>());
    }

    /// <summary>Sends every held copy now, each to the queue its original went to; returns how many.</summary>
    public async Task<int> ReleaseHeldAsync(CancellationToken cancellationToken = default)
    {
        List<(string Queue, string Text)> held;
        UnreliableQueueStorage storage;
        lock (_gate)
        {
            storage = _storage ?? throw new InvalidOperationException("No backend was created through this injector.");
            held = [.. _held];
            _held.Clear();
        }

        foreach (var (queue, text) in held)
        {
            await storage.SendCopyAsync(queue, text, cancellationToken).ConfigureAwait(false);
        }

        return held.Count;
    }

    /// <summary>Decides what happens to one send: the original's extra delay, and the copy's (null: no copy, or held).</summary>
    internal (TimeSpan Original, TimeSpan? Copy) Plan(string queue, string text)
    {
        Interlocked.Increment(ref _messagesSent);
        if (!Enabled)
        {
            return (TimeSpan.Zero, null);
        }

        lock (_gate)
        {
            var original = RandomDelay();
            if (_random.NextDouble() >= Options.DuplicateProbability)
            {
                return (original, null);
            }

            if (Options.HoldDuplicates)
            {
                _held.Add((queue, text));
                return (original, null);
            }

            return (original, RandomDelay());
        }
    }

    internal void CountCopy() => Interlocked.Increment(ref _copiesSent);

    internal void CountLost() => Interlocked.Increment(ref _sendsLost);

    /// <summary>Shuffles a received batch in place (Fisher-Yates), when asked to.</summary>
    internal void Shuffle<T>(IList<T> batch)
    {
        if (!Enabled || !Options.ShuffleReceivedBatches || batch.Count < 2)
        {
            return;
        }

        lock (_gate)
        {
            for (var i = batch.Count - 1; i > 0; i--)
            {
                var j = _random.Next(i + 1);
                (batch[i], batch[j]) = (batch[j], batch[i]);
            }
        }

        Interlocked.Increment(ref _batchesShuffled);
    }

    private TimeSpan RandomDelay() =>
        Options.MaxExtraDelay <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks((long)(_random.NextDouble() * Options.MaxExtraDelay.Ticks));
}
