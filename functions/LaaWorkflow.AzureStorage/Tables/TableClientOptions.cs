using Azure.Core;

namespace LaaWorkflow.AzureStorage.Tables;

/// <summary>Options for the table clients: retries, diagnostics and transport, as every Azure.Core client has.</summary>
public sealed class TableClientOptions : ClientOptions
{
    /// <summary>The Table service REST version the clients speak.</summary>
    public const string ServiceVersion = "2019-02-02";
}
