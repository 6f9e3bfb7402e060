using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using LaaWorkflow.AzureStorage.Core;
using LaaWorkflow.AzureStorage.Tables.Models;

namespace LaaWorkflow.AzureStorage.Tables;

/// <summary>The Table service of one account: hands out <see cref="TableClient"/>s that share its pipeline.</summary>
public class TableServiceClient
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    /// <summary>A client for the account the connection string names.</summary>
    public TableServiceClient(string connectionString)
        : this(connectionString, new TableClientOptions())
    {
    }

    /// <summary>A client for the account the connection string names.</summary>
    public TableServiceClient(string connectionString, TableClientOptions options)
    {
        var parsed = StorageConnectionString.Parse(connectionString);
        _endpoint = parsed.TableEndpoint;
        AccountName = parsed.AccountName;
        _pipeline = StoragePipeline.Build(options ?? new TableClientOptions(), TableClientOptions.ServiceVersion, parsed.Signer, tableLite: true);
    }

    /// <summary>A client authorised by a token credential (managed identity).</summary>
    public TableServiceClient(Uri endpoint, TokenCredential tokenCredential, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(tokenCredential);
        _endpoint = endpoint;
        AccountName = StoragePipeline.AccountFromEndpoint(endpoint);
        _pipeline = StoragePipeline.Build(options ?? new TableClientOptions(), TableClientOptions.ServiceVersion, tokenCredential);
    }

    /// <summary>For mocking.</summary>
    protected TableServiceClient()
    {
        _pipeline = null!;
        _endpoint = null!;
        AccountName = "";
    }

    /// <summary>The storage account's name.</summary>
    public virtual string AccountName { get; }

    /// <summary>The Table service endpoint.</summary>
    public virtual Uri Uri => _endpoint;

    /// <summary>A client for one table (nothing is sent).</summary>
    public virtual TableClient GetTableClient(string tableName) => new(_pipeline, _endpoint, AccountName, tableName);

    /// <summary>Creates the table unless it exists.</summary>
    public virtual Task<Response<TableItem>> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Deletes the table and everything in it; a missing table is not an error.</summary>
    /// <remarks>Deletes stored data.</remarks>
    public virtual Task<Response> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).DeleteAsync(cancellationToken);
}
