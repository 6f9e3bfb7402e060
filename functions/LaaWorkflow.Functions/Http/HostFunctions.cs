using LaaWorkflow.Web.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace LaaWorkflow.Functions.Http;

/// <summary>Health, the development routes (404 unless <c>Host:DevRoutes</c>) and the dashboard's pages.</summary>
public static class HostFunctions
{
    private static readonly FileExtensionContentTypeProvider s_contentTypes = new();

    [Function("Health")]
    public static Task<IResult> HealthAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.Health);

    [Function("DevOutbox")]
    public static Task<IResult> OutboxAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/dev/outbox")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.DevOutbox);

    [Function("DevMetrics")]
    public static Task<IResult> MetricsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/dev/metrics")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.DevMetrics);

    /// <summary>
    /// The dashboard's static pages, anonymous as in the local host: they hold no data, and ask for a key before
    /// calling the API. Any other path is 404; the API's own routes are more specific and win over this one.
    /// </summary>
    [Function("Dashboard")]
    public static IResult Dashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{*path}")] HttpRequest request, string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        var relative = string.IsNullOrEmpty(path) || path.EndsWith('/') ? (path ?? "") + "index.html" : path;
        // The provider refuses paths that climb out of the folder (..), and answers "not found" for them.
        var file = DashboardFiles.Provider().GetFileInfo(relative);
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null)
        {
            return Results.NotFound();
        }
        return Results.File(file.PhysicalPath, s_contentTypes.TryGetContentType(file.Name, out var type) ? type : "application/octet-stream");
    }
}
