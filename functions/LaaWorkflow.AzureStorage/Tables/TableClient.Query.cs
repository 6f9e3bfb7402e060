using System.Text.Json;
using Azure;
using Azure.Core;
using LaaWorkflow.AzureStorage.Core;
using LaaWorkflow.AzureStorage.Tables.Serialization;

namespace LaaWorkflow.AzureStorage.Tables;

public partial class TableClient
{
    /// <summary>The service's largest page.</summary>
    internal const int MaxPageSize = 1000;

    /// <summary>
    /// Queries entities matching an OData <paramref name="filter"/> (all when null), page by page in key order; the
    /// service ends a page at <paramref name="maxPerPage"/> rows (at most 1000) and hands a continuation token on.
    /// </summary>
    public virtual AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        if (maxPerPage is <= 0 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, $"A page holds 1 to {MaxPageSize} entities.");
        }

        var selectText = select is null ? null : string.Join(',', select);
        return new DelegatingAsyncPageable<T>(
            (token, pageSizeHint, ct) => QueryPageAsync<T>(filter, pageSizeHint ?? maxPerPage, selectText, token, ct),
            cancellationToken);
    }

    private async Task<Page<T>> QueryPageAsync<T>(string? filter, int? top, string? select, string? continuationToken, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        using var request = CreateRequest(RequestMethod.Get, "/" + Name + "()");
        var uri = request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter, escapeValue: true);
        }

        if (top is not null)
        {
            uri.AppendQuery("$top", top.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), escapeValue: false);
        }

        if (!string.IsNullOrEmpty(select))
        {
            uri.AppendQuery("$select", select, escapeValue: true);
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            var space = continuationToken.IndexOf(' ', StringComparison.Ordinal);
            var nextPartition = space < 0 ? continuationToken : continuationToken[..space];
            uri.AppendQuery("NextPartitionKey", nextPartition, escapeValue: true);
            if (space >= 0 && space + 1 < continuationToken.Length)
            {
                uri.AppendQuery("NextRowKey", continuationToken[(space + 1)..], escapeValue: true);
            }
        }

        var response = await SendAsync(request, cancellationToken);
        if (response.IsError)
        {
            throw StorageErrors.Create(response, $"Querying '{Name}'" + (filter is null ? "" : $" with filter {filter}"));
        }

        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var rows = document.RootElement.GetProperty("value");
        var values = new List<T>(rows.GetArrayLength());
        foreach (var row in rows.EnumerateArray())
        {
            values.Add(EntityJson.Read<T>(row));
        }

        string? next = null;
        if (response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartitionKey) && !string.IsNullOrEmpty(nextPartitionKey))
        {
            next = response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRowKey) && !string.IsNullOrEmpty(nextRowKey)
                ? nextPartitionKey + " " + nextRowKey
                : nextPartitionKey;
        }

        return Page<T>.FromValues(values, next, response);
    }
}
