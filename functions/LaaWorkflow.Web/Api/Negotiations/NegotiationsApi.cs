using System.Globalization;
using System.Text.Json;
using LaaWorkflow.Negotiation;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Service;
using LaaWorkflow.Web.Api.Management;
using LaaWorkflow.Web.Hosting;
using LaaWorkflow.Web.Problems;
using LaaWorkflow.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Web.Api.Negotiations;

/// <summary>/api/negotiations: start, read, list, revise and decide on negotiations (API.md), for admins and LSP leads.</summary>
internal static partial class NegotiationsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapNegotiationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/negotiations")
            .RequireAuthorization(AdminKeyAuthenticationHandler.Policy)
            .WithTags("Negotiations")
            .RejectImpossibleIds("id", NoSuchNegotiation);
        group.MapPost("/", StartAsync).WithName("StartNegotiation");
        group.MapGet("/{id}", GetAsync).WithName("GetNegotiation");
        group.MapGet("/", ListAsync).WithName("ListNegotiations");
        group.MapPost("/{id}/revisions", ReviseAsync).WithName("ReviseNegotiation");
        MapRefreshes(group);
        MapAdminActions(group);
        MapGovernmentOfficeDecision(app);

        // The signed-off agreement is a published document: its link in the final notice works without a key.
        app.MapGet("/api/negotiations/{id}/document", DocumentAsync).WithName("AgreementDocument").WithTags("Negotiations")
            .RejectImpossibleIds("id", NoSuchNegotiation);
        return app;
    }

    internal static ProblemHttpResult NoSuchNegotiation(string id) => ProblemDetailsSetup.NotFound($"No negotiation can have the id '{id}'.");

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> DocumentAsync(
        string id, [FromServices] AgreementDocuments documents, [FromServices] NegotiationService negotiations, CancellationToken cancellationToken)
    {
        if (await documents.ReadAsync(id, cancellationToken) is { } html)
        {
            return TypedResults.Content(html, "text/html; charset=utf-8");
        }

        // No document: say why, so a link followed from an email or the dashboard explains itself.
        var view = await negotiations.GetAsync(id, cancellationToken);
        return ProblemDetailsSetup.NotFound(view switch
        {
            null => $"No negotiation has the id '{id}'.",
            { Outcome: { } outcome } when outcome.Phase != NegotiationPhase.Finalised => string.Create(
                CultureInfo.InvariantCulture,
                $"The {view.Area} agreement was not signed off: the negotiation ended {PhaseName(outcome.Phase)} on {outcome.At:d MMMM yyyy}. {outcome.Summary} {string.Join(" ", outcome.Reasons)}").Trim(),
            _ => $"The {view.Area} agreement is not signed off yet: the negotiation is in its {PhaseName(view.Phase)} phase.",
        });
    }

    /// <summary>A phase as the API writes it (<c>deadlineMissed</c>).</summary>
    private static string PhaseName(NegotiationPhase phase) => JsonNamingPolicy.CamelCase.ConvertName(phase.ToString());

    internal static async Task<Results<Accepted<HttpManagementPayload>, ValidationProblem>> StartAsync(
        NegotiationRequest? request, HttpRequest http, [FromServices] NegotiationService negotiations,
        [FromServices] TaskHubName hub, CancellationToken cancellationToken)
    {
        var idempotencyKey = http.Headers.TryGetValue(IdempotencyHeader, out var key) && !string.IsNullOrWhiteSpace(key) ? key.ToString() : null;
        var result = await negotiations.StartAsync(request, idempotencyKey, cancellationToken);
        if (!result.Started)
        {
            return ProblemDetailsSetup.Validation(ToDictionary(result.Errors), "The negotiation request is not valid; nothing was started.");
        }
        return HttpManagementPayload.Accepted(http, result.InstanceId!, hub.Value);
    }

    internal static async Task<Results<Ok<AgreementView>, ProblemHttpResult>> GetAsync(
        string id, [FromServices] NegotiationService negotiations, CancellationToken cancellationToken) =>
        await negotiations.GetAsync(id, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : ProblemDetailsSetup.NotFound($"No negotiation has the id '{id}'.");

    internal static async Task<Results<Ok<AgreementListPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        [FromServices] NegotiationService negotiations, string? phase, string? area, int? top, string? continuationToken,
        CancellationToken cancellationToken)
    {
        var (page, error) = await negotiations.ListAsync(phase, area, top, continuationToken, cancellationToken);
        return page is not null ? TypedResults.Ok(page) : ToProblem(error!);
    }

    internal static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ReviseAsync(
        string id, RevisionRequest? revision, [FromServices] NegotiationService negotiations, CancellationToken cancellationToken) =>
        ToResult(await negotiations.ReviseAsync(id, revision, cancellationToken));

    /// <summary>Maps the service's answer onto HTTP: 202 accepted, 400 naming fields, 404 unknown, 409 not allowed in this phase.</summary>
    internal static Results<Accepted, ValidationProblem, ProblemHttpResult> ToResult(NegotiationResult result) => result.Status switch
    {
        NegotiationResultStatus.Accepted => TypedResults.Accepted((string?)null),
        NegotiationResultStatus.Invalid => ProblemDetailsSetup.Validation(ToDictionary(result.Errors), result.Message ?? "The request is not valid."),
        _ => ToProblem(result),
    };

    private static ProblemHttpResult ToProblem(NegotiationResult result) => result.Status switch
    {
        NegotiationResultStatus.NotFound => ProblemDetailsSetup.NotFound(result.Message ?? "Not found."),
        NegotiationResultStatus.Invalid => TypedResults.Problem(
            result.Message, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid.",
            extensions: new Dictionary<string, object?> { ["errors"] = result.Errors }),
        _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "Not allowed in the negotiation's current phase."),
    };

    private static Dictionary<string, string[]> ToDictionary(IReadOnlyDictionary<string, string[]>? errors) =>
        errors?.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal) ?? [];
}
