using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LaaWorkflow.Email;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Negotiation.ReadModels;

/// <summary>
/// Keeps each signed-off agreement as <c>{container}/{negotiationId}.html</c>. The name is the negotiation's, so a
/// retried upload overwrites the blob with the same page and the address never changes. The container stays private;
/// people reach the document through the app's link (<see cref="AgreementDocuments.LinkFor"/>), which works the same
/// locally and in Azure, where storage takes no anonymous reads.
/// </summary>
internal sealed class BlobAgreementDocumentStore(BlobServiceClient service, NegotiationStorageOptions options, IOptions<EmailOptions> email)
    : IAgreementDocumentStore
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

        var blob = _container.GetBlobClient(BlobName(negotiationId));
        await blob.UploadAsync(BinaryData.FromString(html), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" },
        }, cancellationToken);
        return AgreementDocuments.LinkFor(email.Value.PublicBaseUrl, negotiationId);
    }

    public async Task<string?> ReadAsync(string negotiationId, CancellationToken cancellationToken)
    {
        try
        {
            var download = await _container.GetBlobClient(BlobName(negotiationId)).DownloadContentAsync(cancellationToken);
            return download.Value.Content.ToString();
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }
    }

    private static string BlobName(string negotiationId) => negotiationId + ".html";
}
