using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace LaaWorkflow.Functions.Hosting;

/// <summary>
/// The durable client the shared services take from dependency injection, in a Functions app.
/// </summary>
/// <remarks>
/// Durable Functions hands the isolated worker its client through the <c>[DurableClient]</c> binding only: the host's
/// endpoint arrives with each invocation. Every function that reaches the workflow binds one and calls
/// <see cref="Bind"/> first, so this forwarder always has the client the host gave (the extension caches one per
/// endpoint, so it is the same instance each time).
/// </remarks>
internal sealed class BoundDurableTaskClient() : DurableTaskClient("functions")
{
    private volatile DurableTaskClient? _client;

    public void Bind(DurableTaskClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    private DurableTaskClient Client => _client ?? throw new InvalidOperationException(
        "No durable client is bound yet: a function reached the workflow without a [DurableClient] binding.");

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
        Client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellation);

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        Client.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Client.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Client.TerminateInstanceAsync(instanceId, options, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        Client.SuspendInstanceAsync(instanceId, reason, cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        Client.ResumeInstanceAsync(instanceId, reason, cancellation);

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Client.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Client.GetAllInstancesAsync(filter);

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Client.PurgeInstanceAsync(instanceId, options, cancellation);

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Client.PurgeAllInstancesAsync(filter, options, cancellation);

    public override Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default) =>
        Client.RestartAsync(instanceId, restartWithNewInstanceId, cancellation);

    // The bound client belongs to the Durable extension, which disposes it.
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
