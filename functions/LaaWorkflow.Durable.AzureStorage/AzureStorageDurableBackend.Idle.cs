namespace LaaWorkflow.Durable.AzureStorage;

public sealed partial class AzureStorageDurableBackend
{
    /// <summary>
    /// Completes when this host has no ready work: nothing buffered or locked, no visible message in its control
    /// queues or the work-item queue, and no due timer in its partitions. The virtual clock waits on it so that
    /// advancing time lets everything settle.
    /// </summary>
    /// <remarks>
    /// Each step of the runtime makes its next step visible before it drops its own (send, then delete), so two idle
    /// observations in a row with nothing in between mean the runtime is quiet. Messages held for instances that never
    /// started, and work abandoned with a retry delay, do not count as ready.
    /// </remarks>
    public async Task WaitForIdleAsync(CancellationToken cancellationToken)
    {
        await EnsureWorkerAsync(cancellationToken);
        var quiet = 0;
        while (quiet < 2)
        {
            quiet = await IsIdleAsync(cancellationToken) ? quiet + 1 : 0;
            if (quiet < 2)
            {
                // Polling storage for quiet: the loop ends on the condition, or the caller's cancellation.
                await Task.Delay(TimeSpan.FromMilliseconds(quiet == 0 ? 10 : 5), cancellationToken);
            }
        }
    }

    private async Task<bool> IsIdleAsync(CancellationToken cancellationToken)
    {
        if (!_orchestrations.IsIdle || !_activities.IsIdle || _timerPump.IsDelivering || _orchestrations.IsAccepting)
        {
            return false;
        }

        // One look at every queue and the timers at once: the checks are independent, and the virtual clock waits on
        // this between every timer it fires, so their round trips in series made each settle several times slower.
        var looks = _orchestrations.Partitions
            .Select(partition => _storage.HasVisibleMessagesAsync(_names.ControlQueue(partition), cancellationToken))
            .Append(_storage.HasVisibleMessagesAsync(_names.WorkItemQueue, cancellationToken))
            .Append(_timerPump.HasDueAsync(cancellationToken))
            .ToList();
        if ((await Task.WhenAll(looks)).Any(busy => busy))
        {
            return false;
        }

        return _orchestrations.IsIdle && _activities.IsIdle && !_orchestrations.IsAccepting;
    }
}
