using LaaWorkflow.Durable.AzureStorage.Storage;

namespace LaaWorkflow.Durable.AzureStorage.Hub;

/// <summary>Creating and deleting a task hub: its tables, queues, container, partition count and lease rows.</summary>
internal sealed class TaskHub
{
    private const string InfoPartitionKey = "hub";
    private const string InfoRowKey = "info";

    private readonly HubStorage _storage;
    private readonly TaskHubNames _names;

    public TaskHub(HubStorage storage, TaskHubNames names)
    {
        _storage = storage;
        _names = names;
    }

    /// <summary>
    /// Creates whatever is missing and returns the hub's partition count: the stored one if the hub exists (the
    /// count is fixed at creation, since it decides where every instance's messages go), else <paramref name="requested"/>.
    /// </summary>
    public async Task<int> CreateIfNotExistsAsync(int requested, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requested, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requested, 16);
        await Task.WhenAll(
            _storage.CreateTableIfNotExistsAsync(_names.HistoryTable, cancellationToken),
            _storage.CreateTableIfNotExistsAsync(_names.InstancesTable, cancellationToken),
            _storage.CreateTableIfNotExistsAsync(_names.PartitionsTable, cancellationToken),
            _storage.CreateTableIfNotExistsAsync(_names.TimersTable, cancellationToken),
            _storage.CreateQueueIfNotExistsAsync(_names.WorkItemQueue, cancellationToken),
            _storage.CreateContainerIfNotExistsAsync(_names.LargePayloadContainer, cancellationToken));

        var count = await ReadOrWriteCountAsync(requested, cancellationToken);
        await Task.WhenAll(Enumerable.Range(0, count).Select(p => _storage.CreateQueueIfNotExistsAsync(_names.ControlQueue(p), cancellationToken)));
        return count;
    }

    /// <summary>Deletes everything the hub stored. Hosts using it must be stopped first.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        var info = await _storage.GetRowAsync(_names.PartitionsTable, InfoPartitionKey, InfoRowKey, cancellationToken);
        var count = info is null ? 16 : (int)info.GetInt64("PartitionCount");
        var deletions = new List<Task>
        {
            _storage.DeleteTableAsync(_names.HistoryTable, cancellationToken),
            _storage.DeleteTableAsync(_names.InstancesTable, cancellationToken),
            _storage.DeleteTableAsync(_names.PartitionsTable, cancellationToken),
            _storage.DeleteTableAsync(_names.TimersTable, cancellationToken),
            _storage.DeleteQueueAsync(_names.WorkItemQueue, cancellationToken),
            _storage.DeleteContainerAsync(_names.LargePayloadContainer, cancellationToken),
        };
        deletions.AddRange(Enumerable.Range(0, count).Select(p => _storage.DeleteQueueAsync(_names.ControlQueue(p), cancellationToken)));
        await Task.WhenAll(deletions);
    }

    private async Task<int> ReadOrWriteCountAsync(int requested, CancellationToken cancellationToken)
    {
        var existing = await _storage.GetRowAsync(_names.PartitionsTable, InfoPartitionKey, InfoRowKey, cancellationToken);
        if (existing is not null)
        {
            return (int)existing.GetInt64("PartitionCount");
        }

        var row = new StoredRow(InfoPartitionKey, InfoRowKey) { ["PartitionCount"] = requested, ["CreatedAt"] = DateTimeOffset.UtcNow };
        try
        {
            await _storage.WriteRowAsync(_names.PartitionsTable, new RowOperation(RowOperationKind.Insert, row), cancellationToken);
            return requested;
        }
        catch (StorageConflictException)
        {
            // Another host created the hub at the same moment: its count wins.
            var stored = await _storage.GetRowAsync(_names.PartitionsTable, InfoPartitionKey, InfoRowKey, cancellationToken);
            return (int)stored!.GetInt64("PartitionCount");
        }
    }
}
