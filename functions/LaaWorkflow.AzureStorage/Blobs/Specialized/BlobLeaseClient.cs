using System.Globalization;
using Azure;
using Azure.Core;
using LaaWorkflow.AzureStorage.Blobs.Models;
using LaaWorkflow.AzureStorage.Core;

namespace LaaWorkflow.AzureStorage.Blobs.Specialized;

/// <summary>
/// A lease on a blob or container: while held, only its holder (by lease id) can write or delete, and a second
/// acquire fails with 409 LeaseAlreadyPresent. Leases last 15 to 60 seconds (renew before they run out) or forever.
/// </summary>
public class BlobLeaseClient
{
    /// <summary>The duration of a lease that never runs out.</summary>
    public static readonly TimeSpan InfiniteLeaseDuration = TimeSpan.FromSeconds(-1);

    private readonly BlobRequests _requests;
    private readonly Uri _uri;
    private readonly bool _container;
    private readonly string _description;

    /// <summary>A lease client for the blob; <paramref name="leaseId"/> defaults to a new GUID.</summary>
    public BlobLeaseClient(BlobClient client, string? leaseId = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _requests = client.Requests;
        _uri = client.Uri;
        _description = $"blob '{client.BlobContainerName}/{client.Name}'";
        LeaseId = leaseId ?? Guid.NewGuid().ToString();
    }

    /// <summary>A lease client for the container; <paramref name="leaseId"/> defaults to a new GUID.</summary>
    public BlobLeaseClient(BlobContainerClient client, string? leaseId = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _requests = client.Requests;
        _uri = client.Uri;
        _container = true;
        _description = $"container '{client.Name}'";
        LeaseId = leaseId ?? Guid.NewGuid().ToString();
    }

    /// <summary>For mocking.</summary>
    protected BlobLeaseClient()
    {
        _requests = null!;
        _uri = null!;
        _description = "";
        LeaseId = "";
    }

    /// <summary>The lease id this client acquires, renews and releases with (a change replaces it).</summary>
    public virtual string LeaseId { get; private set; }

    public virtual Uri Uri => _uri;

    /// <summary>Acquires the lease for <paramref name="duration"/> (15 to 60 seconds, or <see cref="InfiniteLeaseDuration"/>).</summary>
    public virtual async Task<Response<BlobLease>> AcquireAsync(TimeSpan duration, RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        if (duration != InfiniteLeaseDuration && (duration < TimeSpan.FromSeconds(15) || duration > TimeSpan.FromSeconds(60)))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease lasts 15 to 60 seconds, or InfiniteLeaseDuration.");
        }

        using var request = LeaseRequest("acquire", conditions);
        request.Headers.SetValue("x-ms-lease-duration", ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        request.Headers.SetValue("x-ms-proposed-lease-id", LeaseId);
        return await SendLeaseAsync(request, "Acquiring the lease on", cancellationToken);
    }

    /// <summary>Renews the held lease for its original duration.</summary>
    public virtual async Task<Response<BlobLease>> RenewAsync(RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var request = LeaseRequest("renew", conditions);
        request.Headers.SetValue("x-ms-lease-id", LeaseId);
        return await SendLeaseAsync(request, "Renewing the lease on", cancellationToken);
    }

    /// <summary>Releases the held lease so another holder can acquire at once.</summary>
    public virtual async Task<Response<ReleasedObjectInfo>> ReleaseAsync(RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var request = LeaseRequest("release", conditions);
        request.Headers.SetValue("x-ms-lease-id", LeaseId);
        var response = await _requests.SendAsync(request, cancellationToken);
        return response.IsError
            ? throw StorageErrors.Create(response, $"Releasing the lease on {_description}")
            : Response.FromValue(new ReleasedObjectInfo(BlobRequests.ETagOf(response), BlobRequests.LastModifiedOf(response)), response);
    }

    /// <summary>
    /// Breaks whatever lease is held (no lease id needed), after <paramref name="breakPeriod"/> (0 to 60 seconds;
    /// by default the rest of a timed lease, or at once for an infinite one).
    /// </summary>
    public virtual async Task<Response<BlobLease>> BreakAsync(TimeSpan? breakPeriod = null, RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var request = LeaseRequest("break", conditions);
        if (breakPeriod is { } period)
        {
            if (period < TimeSpan.Zero || period > TimeSpan.FromSeconds(60))
            {
                throw new ArgumentOutOfRangeException(nameof(breakPeriod), period, "A break period is 0 to 60 seconds.");
            }

            request.Headers.SetValue("x-ms-lease-break-period", ((long)period.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        }

        return await SendLeaseAsync(request, "Breaking the lease on", cancellationToken);
    }

    /// <summary>Changes the held lease's id to <paramref name="proposedId"/>; this client then uses the new id.</summary>
    public virtual async Task<Response<BlobLease>> ChangeAsync(string proposedId, RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(proposedId);
        using var request = LeaseRequest("change", conditions);
        request.Headers.SetValue("x-ms-lease-id", LeaseId);
        request.Headers.SetValue("x-ms-proposed-lease-id", proposedId);
        var response = await SendLeaseAsync(request, "Changing the lease on", cancellationToken);
        LeaseId = response.Value.LeaseId ?? proposedId;
        return response;
    }

    private Request LeaseRequest(string action, RequestConditions? conditions)
    {
        var request = _requests.Create(RequestMethod.Put, _uri);
        if (_container)
        {
            request.Uri.AppendQuery("restype", "container", escapeValue: false);
        }

        request.Uri.AppendQuery("comp", "lease", escapeValue: false);
        request.Headers.SetValue("x-ms-lease-action", action);
        BlobRequests.Apply(request, conditions);
        return request;
    }

    private async Task<Response<BlobLease>> SendLeaseAsync(Request request, string operation, CancellationToken cancellationToken)
    {
        var response = await _requests.SendAsync(request, cancellationToken);
        if (response.IsError)
        {
            throw StorageErrors.Create(response, $"{operation} {_description}");
        }

        response.Headers.TryGetValue("x-ms-lease-id", out var leaseId);
        int? leaseTime = response.Headers.TryGetValue("x-ms-lease-time", out var time) ? int.Parse(time, CultureInfo.InvariantCulture) : null;
        return Response.FromValue(new BlobLease(BlobRequests.ETagOf(response), BlobRequests.LastModifiedOf(response), leaseId, leaseTime), response);
    }
}
