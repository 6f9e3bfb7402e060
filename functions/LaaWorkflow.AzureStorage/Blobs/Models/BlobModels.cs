using Azure;

namespace LaaWorkflow.AzureStorage.Blobs.Models;

/// <summary>Who may read a container without credentials.</summary>
public enum PublicAccessType
{
    None,
    BlobContainer,
    Blob,
}

/// <summary>Extra data a listing returns per blob.</summary>
[Flags]
public enum BlobTraits
{
    None = 0,
    Metadata = 1,
}

/// <summary>Which blobs a listing includes besides the current ones (only current ones are supported).</summary>
[Flags]
public enum BlobStates
{
    None = 0,
}

/// <summary>What happens to snapshots when a blob is deleted.</summary>
public enum DeleteSnapshotsOption
{
    None,
    IncludeSnapshots,
    OnlySnapshots,
}

/// <summary>Conditions a blob write, read or delete is made under; a failed condition answers 412 (or 304).</summary>
public class BlobRequestConditions : RequestConditions
{
    /// <summary>The lease the blob is held under; required to write or delete a leased blob.</summary>
    public string? LeaseId { get; set; }
}

/// <summary>The standard HTTP headers stored with a blob.</summary>
public sealed class BlobHttpHeaders
{
    public string? ContentType { get; set; }

    public string? ContentEncoding { get; set; }

    public string? ContentLanguage { get; set; }

    public string? CacheControl { get; set; }

    public string? ContentDisposition { get; set; }
}

/// <summary>How to upload: headers, metadata and the conditions (If-Match, If-None-Match, lease).</summary>
public sealed class BlobUploadOptions
{
    public BlobHttpHeaders? HttpHeaders { get; set; }

    public IDictionary<string, string>? Metadata { get; set; }

    public BlobRequestConditions? Conditions { get; set; }
}

/// <summary>The container's version after a create.</summary>
public sealed class BlobContainerInfo(ETag eTag, DateTimeOffset lastModified)
{
    public ETag ETag { get; } = eTag;

    public DateTimeOffset LastModified { get; } = lastModified;
}

/// <summary>The blob's version after an upload.</summary>
public sealed class BlobContentInfo(ETag eTag, DateTimeOffset lastModified)
{
    public ETag ETag { get; } = eTag;

    public DateTimeOffset LastModified { get; } = lastModified;
}

/// <summary>A blob's properties.</summary>
public sealed class BlobProperties
{
    internal BlobProperties(ETag eTag, DateTimeOffset lastModified, long contentLength, string? contentType, IDictionary<string, string> metadata, LeaseState leaseState, LeaseStatus leaseStatus)
    {
        ETag = eTag;
        LastModified = lastModified;
        ContentLength = contentLength;
        ContentType = contentType;
        Metadata = metadata;
        LeaseState = leaseState;
        LeaseStatus = leaseStatus;
    }

    public ETag ETag { get; }

    public DateTimeOffset LastModified { get; }

    public long ContentLength { get; }

    public string? ContentType { get; }

    public IDictionary<string, string> Metadata { get; }

    public LeaseState LeaseState { get; }

    public LeaseStatus LeaseStatus { get; }
}

public enum LeaseState
{
    Available,
    Leased,
    Expired,
    Breaking,
    Broken,
}

public enum LeaseStatus
{
    Unlocked,
    Locked,
}

/// <summary>What a download read: the version and headers of the content.</summary>
public sealed class BlobDownloadDetails
{
    internal BlobDownloadDetails(ETag eTag, DateTimeOffset lastModified, long contentLength, string? contentType, IDictionary<string, string> metadata)
    {
        ETag = eTag;
        LastModified = lastModified;
        ContentLength = contentLength;
        ContentType = contentType;
        Metadata = metadata;
    }

    public ETag ETag { get; }

    public DateTimeOffset LastModified { get; }

    public long ContentLength { get; }

    public string? ContentType { get; }

    public IDictionary<string, string> Metadata { get; }
}

/// <summary>A whole blob read into memory.</summary>
public sealed class BlobDownloadResult(BinaryData content, BlobDownloadDetails details)
{
    public BinaryData Content { get; } = content;

    public BlobDownloadDetails Details { get; } = details;
}

/// <summary>A blob as a listing shows it.</summary>
public sealed class BlobItem(string name, BlobItemProperties properties, IDictionary<string, string> metadata)
{
    public string Name { get; } = name;

    public BlobItemProperties Properties { get; } = properties;

    public IDictionary<string, string> Metadata { get; } = metadata;
}

/// <summary>A listed blob's properties.</summary>
public sealed class BlobItemProperties(ETag? eTag, DateTimeOffset? lastModified, long? contentLength, string? contentType)
{
    public ETag? ETag { get; } = eTag;

    public DateTimeOffset? LastModified { get; } = lastModified;

    public long? ContentLength { get; } = contentLength;

    public string? ContentType { get; } = contentType;
}

/// <summary>A lease as the service granted, renewed, changed or broke it.</summary>
public sealed class BlobLease(ETag eTag, DateTimeOffset lastModified, string? leaseId, int? leaseTime)
{
    public ETag ETag { get; } = eTag;

    public DateTimeOffset LastModified { get; } = lastModified;

    public string? LeaseId { get; } = leaseId;

    /// <summary>After a break: seconds until the lease is broken.</summary>
    public int? LeaseTime { get; } = leaseTime;
}

/// <summary>The resource's version after a lease release.</summary>
public sealed class ReleasedObjectInfo(ETag eTag, DateTimeOffset lastModified)
{
    public ETag ETag { get; } = eTag;

    public DateTimeOffset LastModified { get; } = lastModified;
}
