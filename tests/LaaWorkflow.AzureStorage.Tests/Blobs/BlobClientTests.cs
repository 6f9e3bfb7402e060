using Azure;
using LaaWorkflow.AzureStorage.Blobs;
using LaaWorkflow.AzureStorage.Blobs.Models;
using LaaWorkflow.Testing;
using Xunit;

namespace LaaWorkflow.AzureStorage.Tests.Blobs;

[Collection("azurite")]
public sealed class BlobClientTests(AzuriteFixture azurite)
{
    private async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(AzuriteFixture.NewContainerName());
        await container.CreateIfNotExistsAsync();
        return container;
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_Twice_SecondHasNoValueAndDeleteReportsExistence()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.NewContainerName());
        Assert.False((await container.ExistsAsync()).Value);
        Assert.NotNull((await container.CreateIfNotExistsAsync()).Value);
        Assert.Null((await container.CreateIfNotExistsAsync()).Value);
        Assert.True((await container.ExistsAsync()).Value);
        Assert.True((await container.DeleteIfExistsAsync()).Value);
        Assert.False((await container.DeleteIfExistsAsync()).Value);
    }

    [Fact]
    public async Task UploadAsync_ThenDownload_ReturnsBytesContentTypeAndETag()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("agreements/sunderland 2008/final.json");
        var uploaded = (await blob.UploadAsync(BinaryData.FromString("{\"signed\":true}"), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Metadata = new Dictionary<string, string> { ["area"] = "Sunderland" },
        })).Value;

        var downloaded = (await blob.DownloadContentAsync()).Value;
        Assert.Equal("{\"signed\":true}", downloaded.Content.ToString());
        Assert.Equal("application/json", downloaded.Details.ContentType);
        Assert.Equal(uploaded.ETag, downloaded.Details.ETag);
        Assert.Equal("Sunderland", downloaded.Details.Metadata["area"]);

        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(uploaded.ETag, properties.ETag);
        Assert.Equal(15, properties.ContentLength);
        Assert.True((await blob.ExistsAsync()).Value);
    }

    [Fact]
    public async Task UploadAsync_IfMatchStale_Fails412AndKeepsContent()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("doc");
        var first = (await blob.UploadAsync(BinaryData.FromString("v1"))).Value;
        await blob.UploadAsync(BinaryData.FromString("v2"), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = first.ETag } });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            blob.UploadAsync(BinaryData.FromString("v3"), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = first.ETag } }));
        Assert.Equal(412, error.Status);
        Assert.Equal("ConditionNotMet", error.ErrorCode);
        Assert.Equal("v2", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task UploadAsync_IfNoneMatchAllOnExisting_FailsAndKeepsContent()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("once");
        await blob.UploadAsync(BinaryData.FromString("first"));
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("second")));
        Assert.Equal(409, error.Status);
        Assert.Equal("BlobAlreadyExists", error.ErrorCode);
        await blob.UploadAsync(BinaryData.FromString("third"), overwrite: true);
        Assert.Equal("third", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task DownloadContentAsync_Missing_Throws404BlobNotFound()
    {
        var container = await NewContainerAsync();
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlobClient("nothing").DownloadContentAsync());
        Assert.Equal(404, error.Status);
        Assert.Equal("BlobNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task DeleteIfExistsAsync_Twice_TrueThenFalse()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("gone");
        await blob.UploadAsync(BinaryData.FromString("x"));
        Assert.True((await blob.DeleteIfExistsAsync()).Value);
        Assert.False((await blob.DeleteIfExistsAsync()).Value);
        Assert.False((await blob.ExistsAsync()).Value);
    }

    [Fact]
    public async Task GetBlobsAsync_Prefix_ListsOnlyMatchingInNameOrderAcrossPages()
    {
        var container = await NewContainerAsync();
        for (var i = 0; i < 7; i++)
        {
            await container.GetBlobClient($"payloads/{i:D2}").UploadAsync(BinaryData.FromString(new string('x', i)));
        }

        await container.GetBlobClient("other/00").UploadAsync(BinaryData.FromString("no"));

        var names = new List<string>();
        var pages = 0;
        await foreach (var page in container.GetBlobsAsync(prefix: "payloads/").AsPages(pageSizeHint: 3))
        {
            pages++;
            Assert.InRange(page.Values.Count, 1, 3);
            names.AddRange(page.Values.Select(b => b.Name));
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"payloads/{i:D2}"), names);

        var first = await container.GetBlobsAsync(prefix: "payloads/03").FirstAsync();
        Assert.Equal(3, first.Properties.ContentLength);
        Assert.NotNull(first.Properties.ETag);
    }

    [Fact]
    public void GetBlobContainerClient_UppercaseName_ThrowsNamingIt()
    {
        var service = new BlobServiceClient(azurite.ConnectionString);
        var error = Assert.Throws<ArgumentException>(() => service.GetBlobContainerClient("Agreements"));
        Assert.Contains("Agreements", error.Message, StringComparison.Ordinal);
    }
}
