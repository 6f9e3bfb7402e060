using System.Text.Json;
using Azure;
using Azure.Core;
using LaaWorkflow.AzureStorage.Core;
using LaaWorkflow.AzureStorage.Tables.Serialization;

namespace LaaWorkflow.AzureStorage.Tables;

public partial class TableClient
{
    private static readonly RequestMethod s_merge = new("MERGE");

    /// <summary>Inserts the entity; fails with 409 EntityAlreadyExists if its keys are taken.</summary>
    public virtual async Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var request = CreateRequest(RequestMethod.Post, "/" + Name);
        SetBody(request, entity);
        var response = await SendAsync(request, cancellationToken);
        return response.IsError ? throw StorageErrors.Create(response, $"Adding entity ({entity.PartitionKey}, {entity.RowKey}) to '{Name}'") : response;
    }

    /// <summary>Inserts the entity or, if it exists, merges into or replaces it, whatever its version.</summary>
    public virtual async Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var request = CreateRequest(mode == TableUpdateMode.Merge ? s_merge : RequestMethod.Put, TableQueryFilter.EntityPath(Name, entity.PartitionKey, entity.RowKey));
        SetBody(request, entity);
        var response = await SendAsync(request, cancellationToken);
        return response.IsError ? throw StorageErrors.Create(response, $"Upserting entity ({entity.PartitionKey}, {entity.RowKey}) in '{Name}'") : response;
    }

    /// <summary>
    /// Updates an existing entity only if its stored version is <paramref name="ifMatch"/> (or any version for
    /// <see cref="ETag.All"/>); a stale version fails with 412 UpdateConditionNotSatisfied and changes nothing.
    /// </summary>
    public virtual async Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (ifMatch == default)
        {
            throw new ArgumentException("UpdateEntityAsync needs the entity's ETag, or ETag.All to update whatever version is stored.", nameof(ifMatch));
        }

        using var request = CreateRequest(mode == TableUpdateMode.Merge ? s_merge : RequestMethod.Put, TableQueryFilter.EntityPath(Name, entity.PartitionKey, entity.RowKey));
        request.Headers.SetValue("If-Match", ifMatch.ToString());
        SetBody(request, entity);
        var response = await SendAsync(request, cancellationToken);
        return response.IsError ? throw StorageErrors.Create(response, $"Updating entity ({entity.PartitionKey}, {entity.RowKey}) in '{Name}'") : response;
    }

    /// <summary>
    /// Deletes the entity if its version is <paramref name="ifMatch"/> (any version by default). An entity that
    /// does not exist is not an error, so a repeated delete succeeds.
    /// </summary>
    /// <remarks>Deletes stored data.</remarks>
    public virtual async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(RequestMethod.Delete, TableQueryFilter.EntityPath(Name, partitionKey, rowKey));
        request.Headers.SetValue("If-Match", ifMatch == default ? "*" : ifMatch.ToString());
        var response = await SendAsync(request, cancellationToken);
        return response.IsError && response.Status != 404 ? throw StorageErrors.Create(response, $"Deleting entity ({partitionKey}, {rowKey}) from '{Name}'") : response;
    }

    /// <summary>Reads one entity; fails with 404 ResourceNotFound if it does not exist.</summary>
    public virtual async Task<Response<T>> GetEntityAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        var (response, entity) = await GetCoreAsync<T>(partitionKey, rowKey, select, cancellationToken);
        return entity is null ? throw StorageErrors.Create(response, $"Reading entity ({partitionKey}, {rowKey}) from '{Name}'") : Response.FromValue(entity, response);
    }

    /// <summary>Reads one entity, or answers without a value if it does not exist.</summary>
    public virtual async Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        var (response, entity) = await GetCoreAsync<T>(partitionKey, rowKey, select, cancellationToken);
        if (entity is null && response.Status != 404)
        {
            throw StorageErrors.Create(response, $"Reading entity ({partitionKey}, {rowKey}) from '{Name}'");
        }

        return new ValueResponse<T>(response, entity, entity is not null);
    }

    private async Task<(Response Response, T? Entity)> GetCoreAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        using var request = CreateRequest(RequestMethod.Get, TableQueryFilter.EntityPath(Name, partitionKey, rowKey));
        AppendSelect(request, select);
        var response = await SendAsync(request, cancellationToken);
        if (response.IsError)
        {
            return (response, null);
        }

        using var document = JsonDocument.Parse(response.Content.ToMemory());
        response.Headers.TryGetValue("ETag", out var etag);
        return (response, EntityJson.Read<T>(document.RootElement, etag));
    }

    private static void AppendSelect(Request request, IEnumerable<string>? select)
    {
        if (select is null)
        {
            return;
        }

        var joined = string.Join(',', select);
        if (joined.Length > 0)
        {
            request.Uri.AppendQuery("$select", joined, escapeValue: true);
        }
    }

    private static void SetBody(Request request, ITableEntity entity)
    {
        request.Headers.SetValue("Content-Type", "application/json");
        request.Headers.SetValue("Prefer", "return-no-content");
        request.Content = RequestContent.Create(EntityJson.Serialize(entity));
    }
}
