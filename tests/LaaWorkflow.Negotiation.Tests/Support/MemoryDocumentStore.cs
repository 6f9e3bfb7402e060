using System.Collections.Concurrent;
using LaaWorkflow.Negotiation.ReadModels;

namespace LaaWorkflow.Negotiation.Tests.Support;

/// <summary>Keeps agreement documents in memory (for unit tests of the document path).</summary>
internal sealed class MemoryDocumentStore : IAgreementDocumentStore
{
    public ConcurrentDictionary<string, string> Documents { get; } = new(StringComparer.Ordinal);

    public Task<Uri> SaveAsync(string negotiationId, string html, CancellationToken cancellationToken)
    {
        Documents[negotiationId] = html;
        return Task.FromResult(new Uri($"https://documents.example/agreements/{negotiationId}.html"));
    }
}
