using LaaWorkflow.Web.Security;

namespace LaaWorkflow.Web.Api.Management;

/// <summary>
/// The Durable Functions HTTP management payload: the URLs that check and control one instance.
/// They carry the caller's key as <c>code</c>, as Durable Functions' do, so following them works.
/// </summary>
public sealed record HttpManagementPayload(
    string Id,
    Uri StatusQueryGetUri,
    Uri SendEventPostUri,
    Uri TerminatePostUri,
    Uri SuspendPostUri,
    Uri ResumePostUri,
    Uri RewindPostUri,
    Uri PurgeHistoryDeleteUri,
    Uri RestartPostUri)
{
    /// <summary>The management API's route prefix, as in Durable Functions.</summary>
    public const string RoutePrefix = "/runtime/webhooks/durabletask";

    /// <summary>How long a client polling the status URL should wait between polls, in seconds.</summary>
    internal const string RetryAfterSeconds = "10";

    /// <summary>202 with the management payload and the status URL in Location, as CreateCheckStatusResponse does.</summary>
    internal static Microsoft.AspNetCore.Http.HttpResults.Accepted<HttpManagementPayload> Accepted(HttpRequest request, string instanceId, string taskHub)
    {
        var payload = For(request, instanceId, taskHub);
        request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        return TypedResults.Accepted(payload.StatusQueryGetUri, payload);
    }

    internal static HttpManagementPayload For(HttpRequest request, string instanceId, string taskHub)
    {
        var instance = $"{request.Scheme}://{request.Host}{request.PathBase}{RoutePrefix}/instances/{Uri.EscapeDataString(instanceId)}";
        var query = $"taskHub={Uri.EscapeDataString(taskHub)}&connection=Storage";
        if (AdminKeys.Presented(request) is { } key)
        {
            query += $"&code={Uri.EscapeDataString(key)}";
        }
        return new HttpManagementPayload(
            instanceId,
            new Uri($"{instance}?{query}"),
            new Uri($"{instance}/raiseEvent/{{eventName}}?{query}"),
            new Uri($"{instance}/terminate?reason={{text}}&{query}"),
            new Uri($"{instance}/suspend?reason={{text}}&{query}"),
            new Uri($"{instance}/resume?reason={{text}}&{query}"),
            new Uri($"{instance}/rewind?reason={{text}}&{query}"),
            new Uri($"{instance}?{query}"),
            new Uri($"{instance}/restart?{query}"));
    }
}
