using LaaWorkflow.Durable;
using LaaWorkflow.Testing.Durable;

namespace LaaWorkflow.Durable.Tests.InMemory;

/// <summary>
/// The shared semantic suite with the replay cache off: every episode reloads and replays the whole history, so the
/// same results prove that a replay rebuilds exactly the state the cache would have kept.
/// </summary>
public sealed class InMemoryUncachedSemanticTests : DurableSemanticSuite
{
    protected override DurableTaskWorkerBuilder UseBackend(DurableTaskWorkerBuilder builder) =>
        builder.UseInMemoryBackend().Configure(o => o.MaxCachedInstances = 0);
}
