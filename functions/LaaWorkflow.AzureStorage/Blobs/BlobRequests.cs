using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using LaaWorkflow.AzureStorage.Blobs.Models;
using LaaWorkflow.AzureStorage.Core;

namespace LaaWorkflow.AzureStorage.Blobs;

/// <summary>What the blob clients share: the pipeline, the account, and request helpers.</summary>
internal sealed class BlobRequests(HttpPipeline pipeline, string accountName)
{
    public string AccountName { get; } = accountName;

    public HttpPipeline Pipeline { get; } = pipeline;

    public static BlobRequests FromConnectionString(string connectionString, BlobClientOptions? options, out Uri serviceUri)
    {
        var parsed = StorageConnectionString.Parse(connectionString);
        serviceUri = parsed.BlobEndpoint;
        return new BlobRequests(StoragePipeline.Build(options ?? new BlobClientOptions(), BlobClientOptions.ServiceVersion, parsed.Signer, tableLite: false), parsed.AccountName);
    }

    public static BlobRequests FromCredential(Uri uri, TokenCredential credential, BlobClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(credential);
        return new BlobRequests(StoragePipeline.Build(options ?? new BlobClientOptions(), BlobClientOptions.ServiceVersion, credential), StoragePipeline.AccountFromEndpoint(uri));
    }

    public Request Create(RequestMethod method, Uri uri)
    {
        var request = Pipeline.CreateRequest();
        request.Method = method;
        request.Uri.Reset(uri);
        return request;
    }

    public async ValueTask<Response> SendAsync(Request request, CancellationToken cancellationToken) =>
        await Pipeline.SendRequestAsync(request, cancellationToken);

    public static void Apply(Request request, RequestConditions? conditions)
    {
        if (conditions is null)
        {
            return;
        }

        if (conditions.IfMatch is { } ifMatch)
        {
            request.Headers.SetValue("If-Match", Header(ifMatch));
        }

        if (conditions.IfNoneMatch is { } ifNoneMatch)
        {
            request.Headers.SetValue("If-None-Match", Header(ifNoneMatch));
        }

        if (conditions.IfModifiedSince is { } modifiedSince)
        {
            request.Headers.SetValue("If-Modified-Since", modifiedSince.ToString("R", CultureInfo.InvariantCulture));
        }

        if (conditions.IfUnmodifiedSince is { } unmodifiedSince)
        {
            request.Headers.SetValue("If-Unmodified-Since", unmodifiedSince.ToString("R", CultureInfo.InvariantCulture));
        }

        if (conditions is BlobRequestConditions { LeaseId: { Length: > 0 } leaseId })
        {
            request.Headers.SetValue("x-ms-lease-id", leaseId);
        }
    }

    public static string Header(ETag etag) => etag == ETag.All ? "*" : etag.ToString("H");

    public static ETag ETagOf(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) ? new ETag(etag) : default;

    public static DateTimeOffset LastModifiedOf(Response response) =>
        response.Headers.TryGetValue("Last-Modified", out var text) ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : default;

    public static Dictionary<string, string> MetadataOf(Response response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name["x-ms-meta-".Length..]] = header.Value;
            }
        }

        return metadata;
    }

    public static void ValidateContainerName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var valid = name.Length is >= 3 and <= 63 && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]) && !name.Contains("--", StringComparison.Ordinal);
        foreach (var c in name)
        {
            valid &= char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-';
        }

        if (!valid && name != "$root")
        {
            throw new ArgumentException($"Container name '{name}' must be 3 to 63 lowercase letters, digits and single dashes, starting and ending with a letter or digit.", nameof(name));
        }
    }

    public static string EscapeBlobName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 1024)
        {
            throw new ArgumentException($"A blob name holds at most 1024 characters; this one has {name.Length}.", nameof(name));
        }

        var segments = name.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = Uri.EscapeDataString(segments[i]);
        }

        return string.Join('/', segments);
    }
}
