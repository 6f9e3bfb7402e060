using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using LaaWorkflow.AzureStorage.Core;
using LaaWorkflow.AzureStorage.Tables.Models;

namespace LaaWorkflow.AzureStorage.Tables;

/// <summary>
/// One table: create and delete it, read and write its entities, query them page by page and change up to 100 of
/// one partition at once. Shaped like Azure.Data.Tables' TableClient so that package can replace it.
/// </summary>
public partial class TableClient
{
    internal const string JsonAccept = "application/json;odata=minimalmetadata";

    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    /// <summary>A client for <paramref name="tableName"/> in the account the connection string names.</summary>
    public TableClient(string connectionString, string tableName)
        : this(connectionString, tableName, new TableClientOptions())
    {
    }

    /// <summary>A client for <paramref name="tableName"/> in the account the connection string names.</summary>
    public TableClient(string connectionString, string tableName, TableClientOptions options)
    {
        var parsed = StorageConnectionString.Parse(connectionString);
        TableKeys.ValidateTableName(tableName);
        _endpoint = parsed.TableEndpoint;
        AccountName = parsed.AccountName;
        Name = tableName;
        _pipeline = StoragePipeline.Build(options ?? new TableClientOptions(), TableClientOptions.ServiceVersion, parsed.Signer, tableLite: true);
    }

    /// <summary>A client authorised by a token credential (managed identity) for the account at <paramref name="endpoint"/>.</summary>
    public TableClient(Uri endpoint, string tableName, TokenCredential tokenCredential, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(tokenCredential);
        TableKeys.ValidateTableName(tableName);
        _endpoint = endpoint;
        AccountName = StoragePipeline.AccountFromEndpoint(endpoint);
        Name = tableName;
        _pipeline = StoragePipeline.Build(options ?? new TableClientOptions(), TableClientOptions.ServiceVersion, tokenCredential);
    }

    internal TableClient(HttpPipeline pipeline, Uri endpoint, string accountName, string tableName)
    {
        TableKeys.ValidateTableName(tableName);
        _pipeline = pipeline;
        _endpoint = endpoint;
        AccountName = accountName;
        Name = tableName;
    }

    /// <summary>For mocking.</summary>
    protected TableClient()
    {
        _pipeline = null!;
        _endpoint = null!;
        AccountName = "";
        Name = "";
    }

    /// <summary>The table's name.</summary>
    public virtual string Name { get; }

    /// <summary>The storage account's name.</summary>
    public virtual string AccountName { get; }

    /// <summary>The table's URI.</summary>
    public virtual Uri Uri => new(_endpoint.AbsoluteUri.TrimEnd('/') + "/" + Name);

    /// <summary>
    /// Builds an OData filter from an interpolated string, turning each value into a correctly typed and escaped
    /// literal: <c>CreateQueryFilter($"PartitionKey eq {pk} and Count gt {n}")</c>.
    /// </summary>
    public static string CreateQueryFilter(FormattableString filter) => TableQueryFilter.Create(filter);

    /// <summary>Creates the table unless it exists.</summary>
    public virtual async Task<Response<TableItem>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var response = await CreateCoreAsync(cancellationToken);
        if (response.IsError && response.Status != 409)
        {
            throw StorageErrors.Create(response, $"Creating table '{Name}'");
        }

        return Response.FromValue(new TableItem(Name), response);
    }

    /// <summary>Creates the table; fails with 409 TableAlreadyExists if it exists.</summary>
    public virtual async Task<Response<TableItem>> CreateAsync(CancellationToken cancellationToken = default)
    {
        var response = await CreateCoreAsync(cancellationToken);
        return response.IsError ? throw StorageErrors.Create(response, $"Creating table '{Name}'") : Response.FromValue(new TableItem(Name), response);
    }

    /// <summary>Deletes the table and every entity in it. A table that does not exist is not an error.</summary>
    /// <remarks>Deletes stored data.</remarks>
    public virtual async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(RequestMethod.Delete, "/Tables('" + Name + "')");
        var response = await SendAsync(request, cancellationToken);
        return response.IsError && response.Status != 404 ? throw StorageErrors.Create(response, $"Deleting table '{Name}'") : response;
    }

    private async Task<Response> CreateCoreAsync(CancellationToken cancellationToken)
    {
        using var request = CreateRequest(RequestMethod.Post, "/Tables");
        request.Headers.SetValue("Content-Type", "application/json");
        request.Content = RequestContent.Create(BinaryData.FromObjectAsJson(new Dictionary<string, string> { ["TableName"] = Name }));
        return await SendAsync(request, cancellationToken);
    }

    internal Request CreateRequest(RequestMethod method, string path)
    {
        var request = _pipeline.CreateRequest();
        request.Method = method;
        request.Uri.Reset(_endpoint);
        request.Uri.AppendPath(path, escape: false);
        request.Headers.SetValue("Accept", JsonAccept);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        return request;
    }

    internal async ValueTask<Response> SendAsync(Request request, CancellationToken cancellationToken) =>
        await _pipeline.SendRequestAsync(request, cancellationToken);
}
