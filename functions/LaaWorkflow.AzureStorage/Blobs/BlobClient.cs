using System.Globalization;
using Azure;
using Azure.Core;
using LaaWorkflow.AzureStorage.Blobs.Models;
using LaaWorkflow.AzureStorage.Core;

namespace LaaWorkflow.AzureStorage.Blobs;

/// <summary>One block blob: upload (with If-Match / If-None-Match / lease conditions), download, properties, delete.</summary>
public class BlobClient
{
    private readonly BlobRequests _requests;
    private readonly Uri _uri;

    public BlobClient(string connectionString, string blobContainerName, string blobName)
        : this(new BlobContainerClient(connectionString, blobContainerName), blobName)
    {
    }

    public BlobClient(string connectionString, string blobContainerName, string blobName, BlobClientOptions options)
        : this(new BlobContainerClient(connectionString, blobContainerName, options), blobName)
    {
    }

    internal BlobClient(BlobRequests requests, BlobContainerClient container, string blobName)
    {
        _requests = requests;
        BlobContainerName = container.Name;
        Name = blobName;
        _uri = new Uri(container.Uri.AbsoluteUri + "/" + BlobRequests.EscapeBlobName(blobName));
    }

    private BlobClient(BlobContainerClient container, string blobName)
        : this(container.Requests, container, blobName)
    {
    }

    /// <summary>For mocking.</summary>
    protected BlobClient()
    {
        _requests = null!;
        _uri = null!;
        BlobContainerName = "";
        Name = "";
    }

    public virtual string Name { get; }

    public virtual string BlobContainerName { get; }

    public virtual string AccountName => _requests.AccountName;

    public virtual Uri Uri => _uri;

    internal BlobRequests Requests => _requests;

    /// <summary>Uploads the content; without <paramref name="overwrite"/> an existing blob fails with 409 BlobAlreadyExists.</summary>
    public virtual Task<Response<BlobContentInfo>> UploadAsync(BinaryData content, bool overwrite = false, CancellationToken cancellationToken = default) =>
        UploadAsync(content, new BlobUploadOptions { Conditions = overwrite ? null : new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);

    /// <summary>
    /// Uploads the content as the whole blob under the options' conditions: <c>IfMatch</c> = the version last read
    /// (412 ConditionNotMet if someone wrote since), <c>IfNoneMatch = ETag.All</c> to create only, <c>LeaseId</c> for a leased blob.
    /// </summary>
    public virtual async Task<Response<BlobContentInfo>> UploadAsync(BinaryData content, BlobUploadOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var request = _requests.Create(RequestMethod.Put, _uri);
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        var headers = options?.HttpHeaders;
        request.Headers.SetValue("x-ms-blob-content-type", headers?.ContentType ?? "application/octet-stream");
        SetIfPresent(request, "x-ms-blob-content-encoding", headers?.ContentEncoding);
        SetIfPresent(request, "x-ms-blob-content-language", headers?.ContentLanguage);
        SetIfPresent(request, "x-ms-blob-cache-control", headers?.CacheControl);
        SetIfPresent(request, "x-ms-blob-content-disposition", headers?.ContentDisposition);
        if (options?.Metadata is { } metadata)
        {
            foreach (var (key, value) in metadata)
            {
                request.Headers.SetValue("x-ms-meta-" + key, value);
            }
        }

        BlobRequests.Apply(request, options?.Conditions);
        request.Content = RequestContent.Create(content);
        var response = await _requests.SendAsync(request, cancellationToken);
        return response.IsError
            ? throw StorageErrors.Create(response, $"Uploading blob '{BlobContainerName}/{Name}'")
            : Response.FromValue(new BlobContentInfo(BlobRequests.ETagOf(response), BlobRequests.LastModifiedOf(response)), response);
    }

    /// <summary>Reads the whole blob; fails with 404 BlobNotFound if it does not exist.</summary>
    public virtual async Task<Response<BlobDownloadResult>> DownloadContentAsync(CancellationToken cancellationToken = default) =>
        await DownloadContentAsync(null, cancellationToken);

    /// <summary>Reads the whole blob under conditions (for example IfMatch a known version).</summary>
    public virtual async Task<Response<BlobDownloadResult>> DownloadContentAsync(BlobRequestConditions? conditions, CancellationToken cancellationToken = default)
    {
        using var request = _requests.Create(RequestMethod.Get, _uri);
        BlobRequests.Apply(request, conditions);
        var response = await _requests.SendAsync(request, cancellationToken);
        if (response.IsError)
        {
            throw StorageErrors.Create(response, $"Downloading blob '{BlobContainerName}/{Name}'");
        }

        response.Headers.TryGetValue("Content-Type", out var contentType);
        var content = response.Content;
        var details = new BlobDownloadDetails(BlobRequests.ETagOf(response), BlobRequests.LastModifiedOf(response), content.ToMemory().Length, contentType, BlobRequests.MetadataOf(response));
        return Response.FromValue(new BlobDownloadResult(content, details), response);
    }

    /// <summary>Whether the blob exists.</summary>
    public virtual async Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var request = _requests.Create(RequestMethod.Head, _uri);
        var response = await _requests.SendAsync(request, cancellationToken);
        if (response.Status == 404)
        {
            return Response.FromValue(false, response);
        }

        return response.IsError ? throw StorageErrors.Create(response, $"Checking blob '{BlobContainerName}/{Name}'") : Response.FromValue(true, response);
    }

    /// <summary>The blob's version, size, content type, metadata and lease state.</summary>
    public virtual async Task<Response<BlobProperties>> GetPropertiesAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var request = _requests.Create(RequestMethod.Head, _uri);
        BlobRequests.Apply(request, conditions);
        var response = await _requests.SendAsync(request, cancellationToken);
        if (response.IsError)
        {
            throw StorageErrors.Create(response, $"Reading properties of blob '{BlobContainerName}/{Name}'");
        }

        response.Headers.TryGetValue("Content-Type", out var contentType);
        var length = response.Headers.TryGetValue("Content-Length", out var lengthText) ? long.Parse(lengthText, CultureInfo.InvariantCulture) : 0;
        response.Headers.TryGetValue("x-ms-lease-state", out var state);
        response.Headers.TryGetValue("x-ms-lease-status", out var status);
        return Response.FromValue(
            new BlobProperties(
                BlobRequests.ETagOf(response),
                BlobRequests.LastModifiedOf(response),
                length,
                contentType,
                BlobRequests.MetadataOf(response),
                Enum.TryParse<LeaseState>(state, ignoreCase: true, out var s) ? s : LeaseState.Available,
                string.Equals(status, "locked", StringComparison.OrdinalIgnoreCase) ? LeaseStatus.Locked : LeaseStatus.Unlocked),
            response);
    }

    /// <summary>Deletes the blob; true if it existed. A leased blob needs the lease id in the conditions.</summary>
    /// <remarks>Deletes stored data.</remarks>
    public virtual async Task<Response<bool>> DeleteIfExistsAsync(DeleteSnapshotsOption snapshotsOption = DeleteSnapshotsOption.None, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var request = _requests.Create(RequestMethod.Delete, _uri);
        if (snapshotsOption != DeleteSnapshotsOption.None)
        {
            request.Headers.SetValue("x-ms-delete-snapshots", snapshotsOption == DeleteSnapshotsOption.IncludeSnapshots ? "include" : "only");
        }

        BlobRequests.Apply(request, conditions);
        var response = await _requests.SendAsync(request, cancellationToken);
        if (response.Status == 404)
        {
            return Response.FromValue(false, response);
        }

        return response.IsError ? throw StorageErrors.Create(response, $"Deleting blob '{BlobContainerName}/{Name}'") : Response.FromValue(true, response);
    }

    private static void SetIfPresent(Request request, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            request.Headers.SetValue(name, value);
        }
    }
}
