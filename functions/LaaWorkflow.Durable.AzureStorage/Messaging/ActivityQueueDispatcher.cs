using System.Text.Json;
using System.Threading.Channels;
using LaaWorkflow.Durable.AzureStorage.Hub;
using LaaWorkflow.Durable.AzureStorage.Storage;
using LaaWorkflow.Durable.Backend;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Durable.AzureStorage.Messaging;

/// <summary>
/// Activity work items from the one work-item queue that every host serves. One receiver per host takes a batch at a
/// time and workers are handed messages one by one; the receipt stays with the work item until
/// <see cref="CompleteAsync"/> deletes it.
/// </summary>
internal sealed class ActivityQueueDispatcher : IActivityWorkItemQueue
{
    private const int ReceiveBatch = 32;

    private readonly HubStorage _storage;
    private readonly TaskHubNames _names;
    private readonly MessageCodec _codec;
    private readonly AzureStorageDurableOptions _options;
    private readonly ILogger _logger;
    private readonly Func<CancellationToken, Task> _beforeLock;
    private const int MaxBuffered = 64;

    private readonly Channel<QueuedMessage> _ready = Channel.CreateUnbounded<QueuedMessage>();
    private readonly Dictionary<QueuedMessage, long> _held = [];
    private int _locked;
    private int _receivingNow;

    public ActivityQueueDispatcher(HubStorage storage, TaskHubNames names, MessageCodec codec, AzureStorageDurableOptions options, Func<CancellationToken, Task> beforeLock, ILogger logger)
    {
        _beforeLock = beforeLock;
        _storage = storage;
        _names = names;
        _codec = codec;
        _options = options;
        _logger = logger;
    }

    /// <summary>Set by the backend: wake-ups when this host sends activities.</summary>
    public QueuePokes Pokes { get; set; } = new();

    public bool IsIdle
    {
        get
        {
            return _ready.Reader.Count == 0 && Volatile.Read(ref _locked) == 0 && Volatile.Read(ref _receivingNow) == 0;
        }
    }

    /// <summary>
    /// Renews every message this host holds (buffered or running) before its visibility runs out, until cancelled.
    /// Messages are hidden for the backend's short visibility timeout, not the engine's long lock, so a host that
    /// dies gives its activities back within that timeout.
    /// </summary>
    public async Task RunKeeperAsync(CancellationToken cancellationToken)
    {
        var timeout = _options.MessageVisibilityTimeout;
        var period = TimeSpan.FromTicks(timeout.Ticks / 3);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, cancellationToken);
                var threshold = Environment.TickCount64 - (long)(timeout.TotalMilliseconds / 2);
                List<QueuedMessage> due;
                lock (_held)
                {
                    due = [.. _held.Where(kv => kv.Value < threshold).Select(kv => kv.Key)];
                }

                foreach (var queued in due)
                {
                    try
                    {
                        await _storage.UpdateVisibilityAsync(queued, timeout, cancellationToken);
                        lock (_held)
                        {
                            if (_held.ContainsKey(queued))
                            {
                                _held[queued] = Environment.TickCount64;
                            }
                        }
                    }
                    catch (StorageConflictException)
                    {
                        // Completed meanwhile, or lost: the queue decides, duplicates are harmless.
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Logs.LoopFailed(_logger, ex, "activity keeper", period);
            }
        }
    }

    public async Task<ActivityWorkItem?> LockNextAsync(TimeSpan lockDuration, CancellationToken cancellationToken)
    {
        // Only a worker locks work: the first call starts the partition leases, a client-only process never does.
        await _beforeLock(cancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(_options.MaxPollingInterval);
        while (true)
        {
            QueuedMessage queued;
            try
            {
                queued = await _ready.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            try
            {
                var message = await _codec.DecodeAsync(queued.Text, cancellationToken);
                Interlocked.Increment(ref _locked);
                return new ActivityWorkItem(message, queued);
            }
            catch (JsonException ex)
            {
                Logs.PoisonMessageDropped(_logger, ex, queued.QueueName, queued.MessageId);
                Forget(queued);
                await _storage.DeleteMessageAsync(queued, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The one receiver of the work-item queue for this host: every waiting worker is served from its buffer, so idle
    /// workers cost one poll (with backoff), not one poll each.
    /// </summary>
    public async Task RunReceiverAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(_options.MaxPollingInterval);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (_ready.Reader.Count >= MaxBuffered)
                {
                    // Workers are busy; more received now would only wait hidden.
                    await Task.Delay(backoff.Next(), cancellationToken);
                    continue;
                }

                Interlocked.Increment(ref _receivingNow);
                try
                {
                    var received = await _storage.ReceiveMessagesAsync(_names.WorkItemQueue, ReceiveBatch, _options.MessageVisibilityTimeout, cancellationToken);
                    if (received.Count > 0)
                    {
                        backoff.Reset();
                        lock (_held)
                        {
                            foreach (var queued in received)
                            {
                                _held[queued] = Environment.TickCount64;
                                _ready.Writer.TryWrite(queued);
                            }
                        }

                        continue;
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref _receivingNow);
                }

                if (await Pokes.WaitAsync(_names.WorkItemQueue, backoff.Next(), cancellationToken))
                {
                    backoff.Reset();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var delay = backoff.Next();
                Logs.LoopFailed(_logger, ex, _names.WorkItemQueue, delay);
                await Task.Delay(delay, CancellationToken.None);
            }
        }
    }

    public async Task<bool> RenewAsync(ActivityWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        try
        {
            // The keeper renews in short steps; an explicit renewal does the same at once.
            await _storage.UpdateVisibilityAsync((QueuedMessage)workItem.LockState!, _options.MessageVisibilityTimeout, cancellationToken);
            return true;
        }
        catch (StorageConflictException)
        {
            return false;
        }
    }

    public async Task CompleteAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        try
        {
            await _storage.DeleteMessageAsync((QueuedMessage)workItem.LockState!, cancellationToken);
        }
        finally
        {
            Forget((QueuedMessage)workItem.LockState!);
            Interlocked.Decrement(ref _locked);
        }
    }

    public async Task AbandonAsync(ActivityWorkItem workItem, TimeSpan retryDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        try
        {
            await _storage.UpdateVisibilityAsync((QueuedMessage)workItem.LockState!, retryDelay, cancellationToken);
        }
        catch (StorageConflictException)
        {
            // Its visibility ran out and another host has it: nothing left to abandon.
        }
        finally
        {
            Forget((QueuedMessage)workItem.LockState!);
            Interlocked.Decrement(ref _locked);
        }
    }

    private void Forget(QueuedMessage queued)
    {
        lock (_held)
        {
            _held.Remove(queued);
        }
    }
}
