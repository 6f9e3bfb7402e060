using LaaWorkflow.Email.Transports.Outbox;
using LaaWorkflow.Web.Hosting;
using LaaWorkflow.Web.Problems;
using LaaWorkflow.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Web.Api.Dev;

/// <summary>
/// Local development routes: the outbox's messages and the host's counters. Mapped only when
/// <c>Host:DevRoutes</c> is on, so in production they do not exist at all (404), key or not.
/// </summary>
internal static partial class DevApi
{
    public static IEndpointRouteBuilder MapDevApi(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<FunctionHostOptions>>().Value.DevRoutes)
        {
            return app;
        }
        var group = app.MapGroup("/api/dev").RequireAuthorization(AdminKeyAuthenticationHandler.Policy).WithTags("Development");
        group.MapGet("/outbox", ReadOutboxAsync).WithName("DevOutbox");
        MapMetrics(group);
        return app;
    }

    internal static async Task<Results<Ok<IReadOnlyList<OutboxMessage>>, ValidationProblem>> ReadOutboxAsync(
        [FromServices] IOutboxReader outbox, string? to, int? top, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        if (top is < 1 or > 1000)
        {
            return ProblemDetailsSetup.Validation(new Dictionary<string, string[]> { ["top"] = ["top must be between 1 and 1000."] });
        }
        return TypedResults.Ok(await outbox.ReadAsync(string.IsNullOrWhiteSpace(to) ? null : to, top ?? 100, since, cancellationToken));
    }
}
