using System.Globalization;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using LaaWorkflow.AzureStorage.Blobs.Models;
using LaaWorkflow.AzureStorage.Core;

namespace LaaWorkflow.AzureStorage.Blobs;

/// <summary>One container: create, delete, list its blobs by prefix page by page, hand out blob clients.</summary>
public class BlobContainerClient
{
    private readonly BlobRequests _requests;
    private readonly Uri _uri;

    public BlobContainerClient(string connectionString, string blobContainerName)
        : this(connectionString, blobContainerName, new BlobClientOptions())
    {
    }

    public BlobContainerClient(string connectionString, string blobContainerName, BlobClientOptions options)
    {
        _requests = BlobRequests.FromConnectionString(connectionString, options, out var serviceUri);
        BlobRequests.ValidateContainerName(blobContainerName);
        Name = blobContainerName;
        _uri = new Uri(serviceUri.AbsoluteUri.TrimEnd('/') + "/" + blobContainerName);
    }

    /// <summary>A client authorised by a token credential (managed identity) for the container at <paramref name="blobContainerUri"/>.</summary>
    public BlobContainerClient(Uri blobContainerUri, TokenCredential credential, BlobClientOptions? options = null)
    {
        _requests = BlobRequests.FromCredential(blobContainerUri, credential, options);
        _uri = new Uri(blobContainerUri.AbsoluteUri.TrimEnd('/'));
        Name = _uri.Segments[^1];
        BlobRequests.ValidateContainerName(Name);
    }

    internal BlobContainerClient(BlobRequests requests, Uri serviceUri, string name)
    {
        BlobRequests.ValidateContainerName(name);
        _requests = requests;
        Name = name;
        _uri = new Uri(serviceUri.AbsoluteUri.TrimEnd('/') + "/" + name);
    }

    /// <summary>For mocking.</summary>
    protected BlobContainerClient()
    {
        _requests = null!;
        _uri = null!;
        Name = "";
    }

    public virtual string Name { get; }

    public virtual string AccountName => _requests.AccountName;

    public virtual Uri Uri => _uri;

    internal BlobRequests Requests => _requests;

    /// <summary>A client for one blob in the container (nothing is sent).</summary>
    public virtual BlobClient GetBlobClient(string blobName) => new(_requests, this, blobName);

    /// <summary>Creates the container unless it exists; the value is null when it already existed.</summary>
    public virtual async Task<Response<BlobContainerInfo>> CreateIfNotExistsAsync(PublicAccessType publicAccessType = PublicAccessType.None, IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        using var request = ContainerRequest(RequestMethod.Put);
        if (publicAccessType != PublicAccessType.None)
        {
            request.Headers.SetValue("x-ms-blob-public-access", publicAccessType == PublicAccessType.Blob ? "blob" : "container");
        }

        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                request.Headers.SetValue("x-ms-meta-" + key, value);
            }
        }

        var response = await _requests.SendAsync(request, cancellationToken);
        if (response.Status == 409)
        {
            return Response.FromValue<BlobContainerInfo>(null!, response);
        }

        return response.IsError
            ? throw StorageErrors.Create(response, $"Creating container '{Name}'")
            : Response.FromValue(new BlobContainerInfo(BlobRequests.ETagOf(response), BlobRequests.LastModifiedOf(response)), response);
    }

    /// <summary>Deletes the container and its blobs; true if it existed.</summary>
    /// <remarks>Deletes stored data.</remarks>
    public virtual async Task<Response<bool>> DeleteIfExistsAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var request = ContainerRequest(RequestMethod.Delete);
        BlobRequests.Apply(request, conditions);
        var response = await _requests.SendAsync(request, cancellationToken);
        if (response.Status == 404)
        {
            return Response.FromValue(false, response);
        }

        return response.IsError ? throw StorageErrors.Create(response, $"Deleting container '{Name}'") : Response.FromValue(true, response);
    }

    /// <summary>Whether the container exists.</summary>
    public virtual async Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var request = ContainerRequest(RequestMethod.Head);
        var response = await _requests.SendAsync(request, cancellationToken);
        if (response.Status == 404)
        {
            return Response.FromValue(false, response);
        }

        return response.IsError ? throw StorageErrors.Create(response, $"Checking container '{Name}'") : Response.FromValue(true, response);
    }

    /// <summary>The blobs whose names start with <paramref name="prefix"/>, in name order, a page (up to 5000) per request.</summary>
    public virtual AsyncPageable<BlobItem> GetBlobsAsync(BlobTraits traits = BlobTraits.None, BlobStates states = BlobStates.None, string? prefix = null, CancellationToken cancellationToken = default)
    {
        _ = states;
        return new DelegatingAsyncPageable<BlobItem>((marker, pageSize, ct) => ListPageAsync(traits, prefix, marker, pageSize, ct), cancellationToken);
    }

    internal Request ContainerRequest(RequestMethod method)
    {
        var request = _requests.Create(method, _uri);
        request.Uri.AppendQuery("restype", "container", escapeValue: false);
        return request;
    }

    private async Task<Page<BlobItem>> ListPageAsync(BlobTraits traits, string? prefix, string? marker, int? pageSize, CancellationToken cancellationToken)
    {
        using var request = ContainerRequest(RequestMethod.Get);
        request.Uri.AppendQuery("comp", "list", escapeValue: false);
        if (!string.IsNullOrEmpty(prefix))
        {
            request.Uri.AppendQuery("prefix", prefix, escapeValue: true);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            request.Uri.AppendQuery("marker", marker, escapeValue: true);
        }

        if (pageSize is { } size)
        {
            request.Uri.AppendQuery("maxresults", size.ToString(CultureInfo.InvariantCulture), escapeValue: false);
        }

        if (traits.HasFlag(BlobTraits.Metadata))
        {
            request.Uri.AppendQuery("include", "metadata", escapeValue: false);
        }

        var response = await _requests.SendAsync(request, cancellationToken);
        if (response.IsError)
        {
            throw StorageErrors.Create(response, $"Listing container '{Name}'");
        }

        var root = XDocument.Parse(response.Content.ToString()).Root!;
        var items = new List<BlobItem>();
        foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
        {
            var properties = blob.Element("Properties");
            var etag = properties?.Element("Etag")?.Value;
            var modified = properties?.Element("Last-Modified")?.Value;
            var length = properties?.Element("Content-Length")?.Value;
            var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in blob.Element("Metadata")?.Elements() ?? [])
            {
                metadata[entry.Name.LocalName] = entry.Value;
            }

            items.Add(new BlobItem(
                blob.Element("Name")!.Value,
                new BlobItemProperties(
                    etag is null ? null : new ETag(etag),
                    modified is null ? null : DateTimeOffset.Parse(modified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                    length is null ? null : long.Parse(length, CultureInfo.InvariantCulture),
                    properties?.Element("Content-Type")?.Value),
                metadata));
        }

        var next = root.Element("NextMarker")?.Value;
        return Page<BlobItem>.FromValues(items, string.IsNullOrEmpty(next) ? null : next, response);
    }
}
