using DurableTask.Core;

namespace LaaWorkflow.TaskHub;

/// <summary>
/// Hands the backend to the sidecar so that a stop only follows a finished start. The sidecar starts the backend when
/// a worker first connects and stops it when the host stops, each from a fire-and-forget callback; DurableTask.AzureStorage
/// fails with a null reference if stopped before (or while) it starts, and from that callback the failure ends the
/// process. A host stopped early (a short test, a start during a storage outage) must simply stop, and a start that
/// comes after the stop (a worker that connected just before) must not touch a backend whose host is gone.
/// </summary>
internal sealed class StopAfterStartOrchestrationService(IOrchestrationService inner) : DelegatingOrchestrationService(inner)
{
    private readonly object _gate = new();
    private Task? _starting;
    private bool _stopped;

    public override Task StartAsync()
    {
        lock (_gate)
        {
            return _stopped ? Task.CompletedTask : _starting ??= Inner.StartAsync();
        }
    }

    public override Task StopAsync() => StopAsync(isForced: false);

    public override async Task StopAsync(bool isForced)
    {
        Task? starting;
        lock (_gate)
        {
            starting = _starting;
            _stopped = true;
        }

        // Nothing started, or a start that failed, leaves nothing running to stop.
        if (starting is null || !(await Task.WhenAny(starting)).IsCompletedSuccessfully)
        {
            return;
        }

        await Inner.StopAsync(isForced);
    }
}
