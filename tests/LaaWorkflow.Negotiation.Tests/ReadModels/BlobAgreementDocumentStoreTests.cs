using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LaaWorkflow.Email;
using LaaWorkflow.Negotiation.ReadModels;
using LaaWorkflow.Negotiation.Tests.Support;
using LaaWorkflow.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace LaaWorkflow.Negotiation.Tests.ReadModels;

/// <summary>The agreement documents on the official Blob client, on a private Azurite.</summary>
public sealed class BlobAgreementDocumentStoreTests(SharedAzurite shared) : IClassFixture<SharedAzurite>
{
    private readonly AzuriteFixture _azurite = shared.Azurite;

    [Fact]
    public async Task SaveAsync_SavedTwice_KeepsTheLatestPageAtTheSameLink()
    {
        var (store, _) = NewStore();

        var first = await store.SaveAsync("neg-1", "<p>first</p>", CancellationToken.None);
        var second = await store.SaveAsync("neg-1", "<p>second</p>", CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal("<p>second</p>", await store.ReadAsync("neg-1", CancellationToken.None));
        Assert.Null(await store.ReadAsync("neg-missing", CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_Page_IsStoredAsUtf8Html()
    {
        var (store, container) = NewStore();

        await store.SaveAsync("neg-2", "<p>Sunderland</p>", CancellationToken.None);

        var properties = await container.GetBlobClient("neg-2.html").GetPropertiesAsync();
        Assert.Equal("text/html; charset=utf-8", properties.Value.ContentType);
    }

    [Fact]
    public async Task Upload_IfNoneMatchAny_SecondCreateIsRefusedAndTheFirstStands()
    {
        var (_, container) = NewStore();
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("once.html");
        var createOnly = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };

        await blob.UploadAsync(BinaryData.FromString("first"), createOnly);
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("second"), createOnly));

        Assert.Equal(409, refused.Status);
        Assert.Equal(BlobErrorCode.BlobAlreadyExists.ToString(), refused.ErrorCode);
        Assert.Equal("first", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    private (BlobAgreementDocumentStore Store, BlobContainerClient Container) NewStore()
    {
        var service = new BlobServiceClient(_azurite.ConnectionString);
        var options = new NegotiationStorageOptions { DocumentContainer = AzuriteFixture.NewContainerName("docs") };
        var store = new BlobAgreementDocumentStore(service, options, Options.Create(new EmailOptions { PublicBaseUrl = new Uri("https://laa.example/") }));
        return (store, service.GetBlobContainerClient(options.DocumentContainer));
    }
}
