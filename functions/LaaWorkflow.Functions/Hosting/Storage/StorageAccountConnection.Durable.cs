using LaaWorkflow.AzureStorage.Blobs;
using LaaWorkflow.AzureStorage.Queues;
using LaaWorkflow.AzureStorage.Tables;
using LaaWorkflow.Durable.AzureStorage;

namespace LaaWorkflow.Functions.Hosting.Storage;

/// <summary>
/// The durable runtime still runs on the project's own storage client, so it gets clients of that kind for the same
/// account and identity. Kept apart from the official clients (its types share their names) and goes when the
/// durable runtime moves to the official SDK.
/// </summary>
internal sealed partial class StorageAccountConnection
{
    /// <summary>Table, Queue and Blob clients of the durable runtime's own storage client, for this account.</summary>
    public StorageServiceClients CreateDurableClients()
    {
        if (ConnectionString is not null)
        {
            return new StorageServiceClients(new TableServiceClient(ConnectionString), new QueueServiceClient(ConnectionString), new BlobServiceClient(ConnectionString));
        }

        return new StorageServiceClients(
            new TableServiceClient(Required(TableServiceUri, "table"), Credential!),
            new QueueServiceClient(Required(QueueServiceUri, "queue"), Credential!),
            new BlobServiceClient(Required(BlobServiceUri, "blob"), Credential!));
    }

    private Uri Required(Uri? endpoint, string service) => endpoint ?? throw new InvalidOperationException(
        $"{Name} names no {service} endpoint for the durable task hub: set {Name}__accountName or {Name}__{service}ServiceUri.");
}
