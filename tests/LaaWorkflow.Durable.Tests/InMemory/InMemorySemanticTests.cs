using LaaWorkflow.Durable;
using LaaWorkflow.Testing.Durable;

namespace LaaWorkflow.Durable.Tests.InMemory;

/// <summary>The shared semantic suite on the in-memory backend.</summary>
public sealed class InMemorySemanticTests : DurableSemanticSuite
{
    protected override DurableTaskWorkerBuilder UseBackend(DurableTaskWorkerBuilder builder) => builder.UseInMemoryBackend();
}
