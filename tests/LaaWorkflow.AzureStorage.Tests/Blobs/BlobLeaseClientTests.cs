using Azure;
using LaaWorkflow.AzureStorage.Blobs;
using LaaWorkflow.AzureStorage.Blobs.Models;
using LaaWorkflow.AzureStorage.Blobs.Specialized;
using LaaWorkflow.Testing;
using Xunit;

namespace LaaWorkflow.AzureStorage.Tests.Blobs;

[Collection("azurite")]
public sealed class BlobLeaseClientTests(AzuriteFixture azurite)
{
    private async Task<BlobClient> NewBlobAsync()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.NewContainerName());
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("partition-00");
        await blob.UploadAsync(BinaryData.FromString("owner: none"));
        return blob;
    }

    [Fact]
    public async Task AcquireAsync_WhileHeldByAnother_Fails409()
    {
        var blob = await NewBlobAsync();
        var first = blob.GetBlobLeaseClient();
        var lease = (await first.AcquireAsync(TimeSpan.FromSeconds(15))).Value;
        Assert.Equal(first.LeaseId, lease.LeaseId);

        var second = blob.GetBlobLeaseClient();
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => second.AcquireAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(409, error.Status);
        Assert.Equal("LeaseAlreadyPresent", error.ErrorCode);
        Assert.Equal(LeaseState.Leased, (await blob.GetPropertiesAsync()).Value.LeaseState);
    }

    [Fact]
    public async Task ReleaseAsync_HeldLease_LetsAnotherAcquire()
    {
        var blob = await NewBlobAsync();
        var first = blob.GetBlobLeaseClient();
        await first.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);
        await first.RenewAsync();
        await first.ReleaseAsync();
        var second = blob.GetBlobLeaseClient();
        Assert.Equal(second.LeaseId, (await second.AcquireAsync(TimeSpan.FromSeconds(60))).Value.LeaseId);
    }

    [Fact]
    public async Task UploadAsync_LeasedBlob_NeedsTheLeaseId()
    {
        var blob = await NewBlobAsync();
        var lease = blob.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(15));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("intruder"), overwrite: true));
        Assert.Equal(412, error.Status);
        await blob.UploadAsync(BinaryData.FromString("owner: me"), new BlobUploadOptions { Conditions = new BlobRequestConditions { LeaseId = lease.LeaseId } });
        Assert.Equal("owner: me", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task BreakAsync_ZeroPeriod_LetsAnotherAcquireAtOnce()
    {
        var blob = await NewBlobAsync();
        await blob.GetBlobLeaseClient().AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);
        var broken = (await blob.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero)).Value;
        Assert.Equal(0, broken.LeaseTime);
        var next = blob.GetBlobLeaseClient();
        Assert.Equal(next.LeaseId, (await next.AcquireAsync(TimeSpan.FromSeconds(15))).Value.LeaseId);
    }

    [Fact]
    public async Task ChangeAsync_NewId_OldIdNoLongerRenews()
    {
        var blob = await NewBlobAsync();
        var lease = blob.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(30));
        var oldId = lease.LeaseId;
        var newId = Guid.NewGuid().ToString();
        await lease.ChangeAsync(newId);
        Assert.Equal(newId, lease.LeaseId);
        await lease.RenewAsync();
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => blob.GetBlobLeaseClient(oldId).RenewAsync());
        Assert.Equal(409, error.Status);
    }

    [Fact]
    public async Task AcquireAsync_ContainerLease_BlocksSecondAcquire()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.NewContainerName());
        await container.CreateIfNotExistsAsync();
        await container.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15));
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(409, error.Status);
    }

    [Fact]
    public async Task AcquireAsync_TenSeconds_ThrowsNamingTheRange()
    {
        var blob = await NewBlobAsync();
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("15 to 60", error.Message, StringComparison.Ordinal);
    }
}
