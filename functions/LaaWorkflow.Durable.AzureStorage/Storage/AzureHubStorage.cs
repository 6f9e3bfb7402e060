using System.Collections.Concurrent;
using Azure;
using LaaWorkflow.AzureStorage.Blobs;
using LaaWorkflow.AzureStorage.Queues;
using LaaWorkflow.AzureStorage.Tables;

namespace LaaWorkflow.Durable.AzureStorage.Storage;

/// <summary>
/// The storage seam over the Table, Queue and Blob clients of LaaWorkflow.AzureStorage: maps rows and messages to
/// the clients' types and conflicts (409/412) to <see cref="StorageConflictException"/>. Transient faults are
/// retried by the clients' Azure.Core pipeline.
/// </summary>
internal sealed partial class AzureHubStorage : HubStorage
{
    private readonly TableServiceClient _tableService;
    private readonly ConcurrentDictionary<string, TableClient> _tables = new(StringComparer.Ordinal);
    private readonly QueueServiceClient _queueService;
    private readonly ConcurrentDictionary<string, QueueClient> _queues = new(StringComparer.Ordinal);
    private readonly BlobServiceClient _blobService;

    public AzureHubStorage(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _tableService = new TableServiceClient(connectionString);
        _queueService = new QueueServiceClient(connectionString);
        _blobService = new BlobServiceClient(connectionString);
    }

    public AzureHubStorage(StorageServiceClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _tableService = clients.Tables;
        _queueService = clients.Queues;
        _blobService = clients.Blobs;
    }

    public override async Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken) =>
        await _tableService.CreateTableIfNotExistsAsync(table, cancellationToken);

    public override async Task DeleteTableAsync(string table, CancellationToken cancellationToken)
    {
        try
        {
            await _tableService.DeleteTableAsync(table, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
    }

    public override async Task<StoredRow?> GetRowAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await Table(table).GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? ToRow(response.Value!) : null;
    }

    public override async Task<IReadOnlyList<StoredRow>> QueryPartitionAsync(string table, string partitionKey, CancellationToken cancellationToken)
    {
        var rows = new List<StoredRow>();
        await foreach (var entity in Table(table).QueryAsync<TableEntity>($"PartitionKey eq '{Quote(partitionKey)}'", cancellationToken: cancellationToken))
        {
            rows.Add(ToRow(entity));
        }

        return rows;
    }

    public override async Task<(IReadOnlyList<StoredRow> Rows, string? ContinuationToken)> QueryPageAsync(
        string table, string? filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await foreach (var page in Table(table).QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            return ([.. page.Values.Select(ToRow)], page.ContinuationToken);
        }

        return ([], null);
    }

    public override async Task<string> WriteRowAsync(string table, RowOperation operation, CancellationToken cancellationToken)
    {
        var client = Table(table);
        var entity = ToEntity(operation.Row);
        try
        {
            var response = operation.Kind switch
            {
                RowOperationKind.Insert => await client.AddEntityAsync(entity, cancellationToken),
                RowOperationKind.ReplaceIfMatch => await client.UpdateEntityAsync(entity, new ETag(operation.Row.ETag!), TableUpdateMode.Replace, cancellationToken),
                RowOperationKind.Upsert => await client.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken),
                _ => await client.DeleteEntityAsync(operation.Row.PartitionKey, operation.Row.RowKey, cancellationToken: cancellationToken),
            };
            return ETagOf(response);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 || (ex.Status == 404 && operation.Kind == RowOperationKind.ReplaceIfMatch))
        {
            throw new StorageConflictException($"Row ({operation.Row.PartitionKey}, {operation.Row.RowKey}) in {table} changed: {ex.Status}.", ex);
        }
    }

    public override async Task<string?> SubmitTransactionAsync(string table, IReadOnlyList<RowOperation> operations, CancellationToken cancellationToken)
    {
        var actions = operations.Select(o => o.Kind switch
        {
            RowOperationKind.Insert => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(o.Row)),
            RowOperationKind.ReplaceIfMatch => new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(o.Row), new ETag(o.Row.ETag!)),
            RowOperationKind.Upsert => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(o.Row)),
            _ => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(o.Row.PartitionKey, o.Row.RowKey), ETag.All),
        }).ToList();
        try
        {
            var response = await Table(table).SubmitTransactionAsync(actions, cancellationToken);
            return operations[0].Kind == RowOperationKind.Delete ? null : ETagOf(response.Value[0]);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 || (ex.Status == 404 && operations.Any(o => o.Kind is RowOperationKind.ReplaceIfMatch or RowOperationKind.Delete)))
        {
            throw new StorageConflictException($"A transaction on {table} lost to a concurrent write: {ex.Status}.", ex);
        }
    }

    public override async Task<string> MergeRowAsync(string table, StoredRow row, string? ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table(table).UpdateEntityAsync(ToEntity(row), ifMatch is null ? ETag.All : new ETag(ifMatch), TableUpdateMode.Merge, cancellationToken);
            return ETagOf(response);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            throw new StorageConflictException($"Row ({row.PartitionKey}, {row.RowKey}) in {table} changed: {ex.Status}.", ex);
        }
    }

    public override async Task DeleteRowAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        await Table(table).DeleteEntityAsync(partitionKey, rowKey, cancellationToken: cancellationToken);

    private TableClient Table(string name) => _tables.GetOrAdd(name, _tableService.GetTableClient);

    private static string ETagOf(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) ? etag! : "";

    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    private static StoredRow ToRow(TableEntity entity)
    {
        var row = new StoredRow(entity.PartitionKey, entity.RowKey) { ETag = entity.ETag.ToString() };
        foreach (var (name, value) in entity)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            {
                row[name] = value;
            }
        }

        return row;
    }

    private static TableEntity ToEntity(StoredRow row)
    {
        var entity = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (name, value) in row.Values)
        {
            // Tables store no nulls: a null column is simply absent (and a Replace removes it).
            if (value is not null)
            {
                entity[name] = value;
            }
        }

        return entity;
    }
}
