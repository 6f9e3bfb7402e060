using System.Runtime.CompilerServices;
using LaaWorkflow.Durable.History;

namespace LaaWorkflow.Durable.Client;

/// <summary>Starts, inspects and manages orchestration instances.</summary>
/// <remarks>Register with <c>services.AddDurableTaskClient()</c>; it talks to the backend chosen for the worker.</remarks>
public abstract class DurableTaskClient
{
    /// <summary>Schedules a new instance and returns its id.</summary>
    /// <exception cref="InvalidOperationException">An instance with that id exists and has not finished.</exception>
    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default);

    /// <summary>Sends an event to an instance. Events for an instance that has not started yet are kept until it starts.</summary>
    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);

    /// <summary>Reads an instance, or null when there is none.</summary>
    public abstract Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Reads one page of instances matching <paramref name="query"/>.</summary>
    public abstract Task<OrchestrationQueryPage> GetInstancesPageAsync(OrchestrationQuery query, CancellationToken cancellation = default);

    /// <summary>Every instance matching <paramref name="query"/>, page after page.</summary>
    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(
        OrchestrationQuery? query = null, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var next = query ?? new OrchestrationQuery();
        while (true)
        {
            var page = await GetInstancesPageAsync(next, cancellation).ConfigureAwait(false);
            foreach (var instance in page.Instances)
            {
                yield return instance;
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            next = next with { ContinuationToken = page.ContinuationToken };
        }
    }

    /// <summary>Waits until the instance has started (or finished).</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Waits until the instance is Completed, Failed or Terminated.</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Stops a running instance; with <paramref name="recursive"/> also its running sub-orchestrations.</summary>
    public abstract Task TerminateInstanceAsync(string instanceId, object? output = null, bool recursive = false, CancellationToken cancellation = default);

    /// <summary>Pauses an instance: it keeps receiving events but does not act on them until resumed.</summary>
    public abstract Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>Resumes a suspended instance.</summary>
    public abstract Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>Starts an instance again from its original input; returns the id of the restarted instance.</summary>
    /// <param name="instanceId">The instance to restart.</param>
    /// <param name="restartWithNewInstanceId">Start it under a new id (the old one stays as it is) instead of reusing the id.</param>
    /// <param name="cancellation">Cancels the call.</param>
    /// <exception cref="ArgumentException">No such instance.</exception>
    public abstract Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default);

    /// <summary>Rewinds a failed instance: its failed activities and sub-orchestrations run again.</summary>
    /// <exception cref="InvalidOperationException">The instance is not Failed.</exception>
    public abstract Task RewindInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>Removes a finished instance and its history.</summary>
    public abstract Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default);

    /// <summary>Removes every finished instance matching <paramref name="filter"/>.</summary>
    public abstract Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default);

    /// <summary>The current execution's history, oldest first.</summary>
    public abstract Task<IReadOnlyList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default);
}
