using LaaWorkflow.Durable.AzureStorage.Partitions;
using LaaWorkflow.Durable.AzureStorage.Timers;

namespace LaaWorkflow.Durable.AzureStorage;

public sealed partial class AzureStorageDurableBackend
{
    private readonly TimerPump _timerPump;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _workerGate = new();
    private PartitionLeaseManager? _leases;
    private Task? _workerStarted;
    private Task? _workerLoops;

    /// <summary>The partitions this host owns now (for tests and diagnostics).</summary>
    internal IReadOnlyCollection<int> OwnedPartitions => _leases?.Owned ?? [];

    /// <summary>Gives this host's partitions back and stops its loops; buffered messages become visible at once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_workerLoops is not null)
        {
            try
            {
                await _workerLoops;
            }
            catch (OperationCanceledException)
            {
                // Stopping is what was asked for.
            }
        }

        if (_leases is not null)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            foreach (var partition in _orchestrations.Partitions)
            {
                await _orchestrations.StopPartitionAsync(partition, grace.Token);
            }

            await _leases.ReleaseAllAsync(grace.Token);
        }

        _stopping.Dispose();
    }

    private Task EnsureWorkerAsync(CancellationToken cancellationToken)
    {
        lock (_workerGate)
        {
            _workerStarted ??= StartWorkerAsync();
        }

        return _workerStarted.WaitAsync(cancellationToken);
    }

    private async Task StartWorkerAsync()
    {
        var count = await PartitionCountAsync(_stopping.Token);
        var leases = new PartitionLeaseManager(_storage, _names.PartitionsTable, _options.WorkerId, count, _options.LeasePeriod, TimeProvider.System, _logger)
        {
            CanRelease = partition => !_orchestrations.HasInFlight(partition),
        };
        await leases.EnsureLeaseRowsAsync(_stopping.Token);
        _leases = leases;
        await BalanceOnceAsync(leases, _stopping.Token);
        _workerLoops = Task.WhenAll(
            Task.Run(() => RunLeaseLoopAsync(leases, _stopping.Token)),
            Task.Run(() => _orchestrations.RunKeeperAsync(_stopping.Token)),
            Task.Run(() => _activities.RunKeeperAsync(_stopping.Token)),
            Task.Run(() => _activities.RunReceiverAsync(_stopping.Token)),
            Task.Run(() => _timerPump.RunAsync(_stopping.Token)));
    }

    private async Task RunLeaseLoopAsync(PartitionLeaseManager leases, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromTicks(_options.LeasePeriod.Ticks / 3);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, cancellationToken);
                await BalanceOnceAsync(leases, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Logs.LoopFailed(_logger, ex, "partition leases", period);
            }
        }
    }

    private async Task BalanceOnceAsync(PartitionLeaseManager leases, CancellationToken cancellationToken)
    {
        var (acquired, lost) = await leases.BalanceAsync(cancellationToken);
        var draining = leases.Draining;
        foreach (var partition in lost.Concat(draining))
        {
            await _orchestrations.StopPartitionAsync(partition, cancellationToken);
        }

        foreach (var partition in leases.Owned.Except(draining))
        {
            _orchestrations.StartPartition(partition);
        }

        if (acquired.Count > 0)
        {
            _timerPump.Wake();
        }
    }
}
