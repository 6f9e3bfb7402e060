using System.Text.Json;
using LaaWorkflow.Durable.AzureStorage.Hub;
using LaaWorkflow.Durable.AzureStorage.Storage;
using LaaWorkflow.Durable.Backend;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Durable.AzureStorage.Messaging;

/// <summary>
/// Activity work items from the one work-item queue that every host serves. Messages are received a batch at a time
/// and handed out one by one; the receipt stays with the work item until <see cref="CompleteAsync"/> deletes it.
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
    private readonly Queue<QueuedMessage> _buffer = new();
    private readonly Dictionary<QueuedMessage, long> _held = [];
    private readonly SemaphoreSlim _receiving = new(1, 1);
    private int _locked;
    private Backoff _backoff;

    public ActivityQueueDispatcher(HubStorage storage, TaskHubNames names, MessageCodec codec, AzureStorageDurableOptions options, Func<CancellationToken, Task> beforeLock, ILogger logger)
    {
        _beforeLock = beforeLock;
        _storage = storage;
        _names = names;
        _codec = codec;
        _options = options;
        _logger = logger;
        _backoff = new Backoff(options.MaxPollingInterval);
    }

    public bool IsIdle
    {
        get
        {
            lock (_buffer)
            {
                return _buffer.Count == 0 && Volatile.Read(ref _locked) == 0 && _receiving.CurrentCount == 1;
            }
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
                lock (_buffer)
                {
                    due = [.. _held.Where(kv => kv.Value < threshold).Select(kv => kv.Key)];
                }

                foreach (var queued in due)
                {
                    try
                    {
                        await _storage.UpdateVisibilityAsync(queued, timeout, cancellationToken);
                        lock (_buffer)
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
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logs.LoopFailed(_logger, ex, "activity keeper", period);
            }
        }
    }

    public async Task<ActivityWorkItem?> LockNextAsync(TimeSpan lockDuration, CancellationToken cancellationToken)
    {
        // Only a worker locks work: the first call starts the partition leases, a client-only process never does.
        await _beforeLock(cancellationToken);
        var deadline = Environment.TickCount64 + (long)_options.MaxPollingInterval.TotalMilliseconds;
        while (true)
        {
            var queued = TakeBuffered();
            if (queued is null)
            {
                // One receiver at a time fills the buffer for every waiting worker.
                await _receiving.WaitAsync(cancellationToken);
                try
                {
                    queued = TakeBuffered() ?? await ReceiveAsync(lockDuration, cancellationToken);
                }
                finally
                {
                    _receiving.Release();
                }
            }

            if (queued is null)
            {
                var remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                {
                    return null;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(remaining, _backoff.Next().TotalMilliseconds)), cancellationToken);
                continue;
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
                await _storage.DeleteMessageAsync(queued, cancellationToken);
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
        lock (_buffer)
        {
            _held.Remove(queued);
        }
    }

    private QueuedMessage? TakeBuffered()
    {
        lock (_buffer)
        {
            return _buffer.TryDequeue(out var queued) ? queued : null;
        }
    }

    private async Task<QueuedMessage?> ReceiveAsync(TimeSpan lockDuration, CancellationToken cancellationToken)
    {
        var received = await _storage.ReceiveMessagesAsync(_names.WorkItemQueue, ReceiveBatch, _options.MessageVisibilityTimeout, cancellationToken);
        if (received.Count == 0)
        {
            return null;
        }

        _backoff.Reset();
        lock (_buffer)
        {
            foreach (var queued in received)
            {
                _held[queued] = Environment.TickCount64;
            }

            foreach (var queued in received.Skip(1))
            {
                _buffer.Enqueue(queued);
            }
        }

        return received[0];
    }
}
