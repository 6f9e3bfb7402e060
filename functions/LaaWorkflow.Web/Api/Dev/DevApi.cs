using LaaWorkflow.Email;
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

    /// <summary>
    /// The newest messages, narrowed by recipient, negotiation, category (the <c>EmailKind</c> name) and when they were
    /// sent (<paramref name="sentFrom"/> inclusive, <paramref name="sentBefore"/> exclusive); every filter is optional.
    /// </summary>
    internal static async Task<Results<Ok<IReadOnlyList<OutboxMessage>>, ValidationProblem>> ReadOutboxAsync(
        [FromServices] IOutboxReader outbox, string? to, int? top, DateTimeOffset? since,
        string? negotiationId, string? category, DateTimeOffset? sentFrom, DateTimeOffset? sentBefore, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (top is < 1 or > 1000)
        {
            errors["top"] = ["top must be between 1 and 1000."];
        }
        if (!string.IsNullOrWhiteSpace(category) && !Enum.TryParse<EmailKind>(category, ignoreCase: false, out _))
        {
            errors["category"] = [$"'{category}' is not a category; use {string.Join(", ", Enum.GetNames<EmailKind>())}."];
        }
        if (sentFrom is not null && sentBefore is not null && sentBefore <= sentFrom)
        {
            errors["sentBefore"] = ["sentBefore must be later than sentFrom."];
        }
        if (errors.Count > 0)
        {
            return ProblemDetailsSetup.Validation(errors);
        }
        var query = new OutboxQuery
        {
            To = to,
            Since = since,
            NegotiationId = negotiationId,
            Category = category,
            SentFrom = sentFrom,
            SentBefore = sentBefore,
        };
        return TypedResults.Ok(await outbox.QueryAsync(query, top ?? 100, cancellationToken));
    }
}
