using LaaWorkflow.Durable.Backend;

namespace LaaWorkflow.Durable.InMemory;

/// <summary>Large payloads: kept in a dictionary (nothing here has a size limit, so the engine never needs them).</summary>
internal sealed partial class InMemoryStore : IPayloadStore
{
    private readonly Dictionary<string, string> _payloads = new(StringComparer.Ordinal);

    public Task<string> UploadAsync(string instanceId, string payload, CancellationToken cancellationToken)
    {
        var reference = $"{instanceId}/{Guid.NewGuid():N}";
        lock (_gate)
        {
            _payloads[reference] = payload;
        }

        return Task.FromResult(reference);
    }

    public Task<string> DownloadAsync(string reference, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _payloads.TryGetValue(reference, out var payload)
                ? Task.FromResult(payload)
                : throw new KeyNotFoundException($"No payload '{reference}'.");
        }
    }

    public Task DeleteAllAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            RemovePayloads(instanceId);
        }

        return Task.CompletedTask;
    }

    private void RemovePayloads(string instanceId)
    {
        var prefix = instanceId + "/";
        foreach (var key in _payloads.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            _payloads.Remove(key);
        }
    }
}
