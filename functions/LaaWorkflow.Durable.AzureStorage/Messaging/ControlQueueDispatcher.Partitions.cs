using System.Text.Json;
using LaaWorkflow.Durable.AzureStorage.Storage;
using LaaWorkflow.Durable.AzureStorage.Tracking;
using LaaWorkflow.Durable.History;

namespace LaaWorkflow.Durable.AzureStorage.Messaging;

internal sealed partial class ControlQueueDispatcher
{
    private readonly HashSet<WorkItemLock> _inFlight = [];
    private int _accepting;

    /// <summary>True while received messages are being decoded and placed (neither visible in the queue nor buffered yet).</summary>
    public bool IsAccepting => Volatile.Read(ref _accepting) > 0;

    /// <summary>True while a worker holds a work item of the partition.</summary>
    public bool HasInFlight(int partition)
    {
        lock (_gate)
        {
            return _inFlight.Any(l => l.Slot.Partition == partition);
        }
    }

    /// <summary>Starts receiving a partition's control queue (after its lease was acquired).</summary>
    public void StartPartition(int partition)
    {
        CancellationTokenSource cts;
        lock (_gate)
        {
            if (_partitions.ContainsKey(partition))
            {
                return;
            }

            cts = new CancellationTokenSource();
            _partitions[partition] = cts;
        }

        _ = Task.Run(() => ReceiveLoopAsync(partition, cts.Token), CancellationToken.None);
    }

    /// <summary>
    /// Stops a partition (lease lost or given up) and hands its buffered messages back to the queue at once, so the
    /// new owner need not wait for their visibility timeout.
    /// </summary>
    public async Task StopPartitionAsync(int partition, CancellationToken cancellationToken)
    {
        List<Pending> handBack;
        lock (_gate)
        {
            if (!_partitions.Remove(partition, out var cts))
            {
                return;
            }

            cts.Cancel();
            cts.Dispose();
            var dropped = _slots.Values.Where(s => s.Partition == partition && !s.Locked).ToList();
            handBack = [.. dropped.SelectMany(s => s.Messages)];
            foreach (var slot in dropped)
            {
                _slots.Remove(slot.InstanceId);
            }
        }

        // In parallel: this runs in the lease loop, and a partition can hold thousands of messages; handed back one
        // by one they kept the loop from renewing this host's other leases in time, so those expired too.
        await Parallel.ForEachAsync(handBack, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (pending, ct) =>
        {
            try
            {
                await _storage.UpdateVisibilityAsync(pending.Queued, TimeSpan.Zero, ct);
            }
            catch (StorageConflictException)
            {
                // Already visible again or taken: fine either way.
            }
        });
    }

    /// <summary>Renews every held message (buffered or locked) before its visibility timeout, until cancelled.</summary>
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
                List<Pending> due;
                lock (_gate)
                {
                    due = [.. _slots.Values.SelectMany(s => s.Messages).Concat(_inFlight.SelectMany(l => l.Messages)).Where(p => p.RenewedAt < threshold)];
                }

                foreach (var pending in due)
                {
                    try
                    {
                        await _storage.UpdateVisibilityAsync(pending.Queued, timeout, cancellationToken);
                        pending.RenewedAt = Environment.TickCount64;
                    }
                    catch (StorageConflictException)
                    {
                        // Deleted by a completion meanwhile, or lost: the queue decides, duplicates are harmless.
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Logs.LoopFailed(_logger, ex, "message keeper", period);
            }
        }
    }

    private async Task ReceiveLoopAsync(int partition, CancellationToken cancellationToken)
    {
        var queue = _names.ControlQueue(partition);
        var backoff = new Backoff(_options.MaxPollingInterval);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (BufferedCount(partition) >= MaxBufferedPerPartition)
                {
                    // Back-pressure: the workers are behind; receiving more would only hide messages longer.
                    await Task.Delay(backoff.Next(), cancellationToken);
                    continue;
                }

                Interlocked.Increment(ref _accepting);
                try
                {
                    var received = await _storage.ReceiveMessagesAsync(queue, ReceiveBatch, _options.MessageVisibilityTimeout, cancellationToken);
                    if (received.Count > 0)
                    {
                        backoff.Reset();
                        await AcceptAsync(partition, received, cancellationToken);
                        continue;
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref _accepting);
                }

                if (await Pokes.WaitAsync(queue, backoff.Next(), cancellationToken))
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
                Logs.LoopFailed(_logger, ex, queue, delay);
                await Task.Delay(delay, CancellationToken.None);
            }
        }
    }

    private async Task AcceptAsync(int partition, IReadOnlyList<QueuedMessage> received, CancellationToken cancellationToken)
    {
        var accepted = new List<Pending>(received.Count);
        foreach (var queued in received)
        {
            try
            {
                accepted.Add(new Pending(await _codec.DecodeAsync(queued.Text, cancellationToken), queued));
            }
            catch (JsonException ex)
            {
                // A message no version of the runtime wrote: keeping it would block nothing but cost forever.
                Logs.PoisonMessageDropped(_logger, ex, queued.QueueName, queued.MessageId);
                await _storage.DeleteMessageAsync(queued, cancellationToken);
            }
        }

        // An instance is handed out only once it has started; find out for those this host has not seen yet.
        var unknown = accepted
            .GroupBy(p => p.Message.InstanceId, StringComparer.Ordinal)
            .Where(g => !g.Any(p => p.Message.Event is ExecutionStartedEvent))
            .Select(g => g.Key)
            .Where(id => !IsKnownStarted(id))
            .ToList();
        foreach (var instanceId in unknown)
        {
            var row = await _storage.GetRowAsync(_names.HistoryTable, KeyEncoding.Encode(instanceId), InstanceRow.StatusRowKey, cancellationToken);
            if (row is not null && row.GetBoolean("HasHistory"))
            {
                lock (_gate)
                {
                    RememberStarted(instanceId);
                }
            }
            else
            {
                Logs.EarlyEventKept(_logger, instanceId, string.Join(",", accepted.Where(p => p.Message.InstanceId == instanceId).Select(p => p.Message.MessageId)));
            }
        }

        lock (_gate)
        {
            if (!_partitions.ContainsKey(partition))
            {
                return;
            }

            foreach (var pending in accepted)
            {
                var id = pending.Message.InstanceId;
                if (!_slots.TryGetValue(id, out var slot))
                {
                    slot = new InstanceSlot(id, partition);
                    _slots[id] = slot;
                }

                slot.Started |= _known.Contains(id);
                slot.Messages.Add(pending);
                MarkReady(slot);
            }
        }
    }

    private bool IsKnownStarted(string instanceId)
    {
        lock (_gate)
        {
            return _known.Contains(instanceId) || (_slots.TryGetValue(instanceId, out var slot) && slot.Started);
        }
    }

    private int BufferedCount(int partition)
    {
        lock (_gate)
        {
            return _slots.Values.Where(s => s.Partition == partition).Sum(s => s.Messages.Count);
        }
    }
}
