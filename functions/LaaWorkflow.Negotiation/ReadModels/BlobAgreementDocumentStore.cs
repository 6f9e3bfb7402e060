using LaaWorkflow.AzureStorage.Blobs;
using LaaWorkflow.AzureStorage.Blobs.Models;

namespace LaaWorkflow.Negotiation.ReadModels;

/// <summary>
/// Keeps each signed-off agreement as <c>{container}/{negotiationId}.html</c>. The name is the negotiation's, so a
/// retried upload overwrites the blob with the same page and the address never changes.
/// </summary>
internal sealed class BlobAgreementDocumentStore(BlobServiceClient service, NegotiationStorageOptions options) : IAgreementDocumentStore
{
    private readonly BlobContainerClient _container = service.GetBlobContainerClient(options.DocumentContainer);
    private volatile bool _containerExists;

    public async Task<Uri> SaveAsync(string negotiationId, string html, CancellationToken cancellationToken)
    {
        if (!_containerExists)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerExists = true;
        }

        var blob = _container.GetBlobClient(negotiationId + ".html");
        await blob.UploadAsync(BinaryData.FromString(html), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" },
        }, cancellationToken);
        return blob.Uri;
    }
}
