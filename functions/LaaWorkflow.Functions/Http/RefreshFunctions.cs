using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace LaaWorkflow.Functions.Http;

/// <summary>The yearly refresh of a finalised agreement (docs/annual-refresh.md), an admin route checked by the Functions host's keys.</summary>
public static class RefreshFunctions
{
    [Function("StartRefresh")]
    public static Task<IResult> StartRefreshAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/negotiations/{id}/refreshes")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.StartRefresh, ("id", id));
}
