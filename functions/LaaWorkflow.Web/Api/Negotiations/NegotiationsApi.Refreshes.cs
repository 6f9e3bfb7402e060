using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Service;
using LaaWorkflow.Web.Api.Management;
using LaaWorkflow.Web.Hosting;
using LaaWorkflow.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LaaWorkflow.Web.Api.Negotiations;

/// <summary>The yearly refresh of a finalised agreement (docs/annual-refresh.md): a new version, negotiated as its own instance.</summary>
internal static partial class NegotiationsApi
{
    private static void MapRefreshes(RouteGroupBuilder group) =>
        group.MapPost("/{id}/refreshes", StartRefreshAsync).WithName("StartRefresh");

    /// <summary>202 with the refresh's management payload (the same one again for the same request), or 400/404/409 with nothing stored.</summary>
    internal static async Task<Results<Accepted<HttpManagementPayload>, ValidationProblem, ProblemHttpResult>> StartRefreshAsync(
        string id, RefreshRequest? request, HttpRequest http, [FromServices] NegotiationService negotiations,
        [FromServices] TaskHubName hub, CancellationToken cancellationToken)
    {
        var result = await negotiations.StartRefreshAsync(id, request, cancellationToken);
        if (result.RefreshId is { } refreshId)
        {
            return HttpManagementPayload.Accepted(http, refreshId, hub.Value);
        }

        return result.Outcome.Status == NegotiationResultStatus.Invalid
            ? ProblemDetailsSetup.Validation(ToDictionary(result.Outcome.Errors), "The refresh request is not valid; nothing was started.")
            : ToProblem(result.Outcome);
    }
}
