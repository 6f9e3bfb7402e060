using System.Text.Json;
using Grpc.Core;
using LaaWorkflow.TaskHub;
using LaaWorkflow.Web.Api.Management;
using LaaWorkflow.Web.Hosting;
using LaaWorkflow.Web.Problems;
using LaaWorkflow.Web.Security;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.LocalHost.Management;

/// <summary>
/// The Durable Functions compatible management API under /runtime/webhooks/durabletask: same
/// routes, query parameters, status codes, headers and JSON shapes, so tools written for Durable
/// Functions (and its monitor) work against this host.
/// </summary>
internal static class ManagementApi
{
    public const string ContinuationHeader = "x-ms-continuation-token";

    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(HttpManagementPayload.RoutePrefix)
            .RequireAuthorization(AdminKeyAuthenticationHandler.Policy)
            .WithTags("Orchestration management")
            .RejectImpossibleIds("instanceId", id => ProblemDetailsSetup.NotFound($"No orchestration instance can have the id '{id}'."));
        group.MapGet("/instances/{instanceId}", GetInstanceAsync).WithName("GetInstance");
        group.MapGet("/instances", ListInstancesAsync).WithName("ListInstances");
        group.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync).WithName("RaiseEvent");
        group.MapPost("/instances/{instanceId}/terminate", TerminateAsync).WithName("Terminate");
        group.MapPost("/instances/{instanceId}/suspend", SuspendAsync).WithName("Suspend");
        group.MapPost("/instances/{instanceId}/resume", ResumeAsync).WithName("Resume");
        group.MapPost("/instances/{instanceId}/rewind", RewindAsync).WithName("Rewind");
        group.MapPost("/instances/{instanceId}/restart", RestartAsync).WithName("Restart");
        group.MapDelete("/instances/{instanceId}", PurgeInstanceAsync).WithName("PurgeInstance");
        group.MapDelete("/instances", PurgeInstancesAsync).WithName("PurgeInstances");
        group.MapPost("/orchestrators/{functionName}/{instanceId?}", StartAsync).WithName("StartOrchestration");
        return app;
    }

    private static async Task<Results<Ok<InstanceStatus>, Accepted<InstanceStatus>, JsonHttpResult<InstanceStatus>, ProblemHttpResult>> GetInstanceAsync(
        string instanceId, [FromServices] DurableTaskClient client, [FromServices] IOrchestrationHistory histories, HttpContext http,
        bool? showHistory, bool? showHistoryOutput, bool? showInput, bool? returnInternalServerErrorOnFailure,
        CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return ProblemDetailsSetup.NotFound($"No orchestration instance has the id '{instanceId}'.");
        }
        var history = showHistory == true
            ? HistoryShape.Shape(await histories.GetAsync(instanceId, cancellationToken), showHistoryOutput == true)
            : null;
        var status = InstanceStatus.From(metadata, showInput != false, history);
        switch (metadata.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended:
                // Still working: 202 tells a poller where to look again and how long to wait.
                http.Response.Headers.RetryAfter = HttpManagementPayload.RetryAfterSeconds;
                return TypedResults.Accepted(http.Request.GetEncodedUrl(), status);
            case OrchestrationRuntimeStatus.Failed when returnInternalServerErrorOnFailure == true:
                return TypedResults.Json(status, statusCode: StatusCodes.Status500InternalServerError);
            default:
                return TypedResults.Ok(status);
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<InstanceStatus>>, ValidationProblem>> ListInstancesAsync(
        [FromServices] DurableTaskClient client, HttpContext http,
        string? runtimeStatus, DateTimeOffset? createdTimeFrom, DateTimeOffset? createdTimeTo, string? instanceIdPrefix,
        bool? showInput, int? top, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var statuses = ParseStatuses(runtimeStatus, errors);
        if (top is < 1)
        {
            errors["top"] = ["top must be a positive number."];
        }
        if (errors.Count > 0)
        {
            return ProblemDetailsSetup.Validation(errors);
        }
        var query = new OrchestrationQuery
        {
            Statuses = statuses,
            CreatedFrom = createdTimeFrom,
            CreatedTo = createdTimeTo,
            InstanceIdPrefix = string.IsNullOrEmpty(instanceIdPrefix) ? null : instanceIdPrefix,
            PageSize = Math.Min(top ?? OrchestrationQuery.DefaultPageSize, OrchestrationQuery.DefaultPageSize),
            FetchInputsAndOutputs = true,
        };
        var continuation = http.Request.Headers.TryGetValue(ContinuationHeader, out var token) && !string.IsNullOrEmpty(token) ? token.ToString() : null;
        Page<OrchestrationMetadata>? page = null;
        await foreach (var first in client.GetAllInstancesAsync(query).AsPages(continuation, query.PageSize).WithCancellation(cancellationToken))
        {
            page = first;
            break;
        }

        if (page?.ContinuationToken is { Length: > 0 } next)
        {
            http.Response.Headers[ContinuationHeader] = next;
        }

        IReadOnlyList<InstanceStatus> body = [.. (page?.Values ?? []).Select(instance => InstanceStatus.From(instance, showInput == true, null))];
        return TypedResults.Ok(body);
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RaiseEventAsync(
        string instanceId, string eventName, [FromServices] DurableTaskClient client, HttpRequest request, CancellationToken cancellationToken)
    {
        var (payload, error) = await ReadJsonAsync(request, "event data", cancellationToken);
        if (error is not null)
        {
            // An unknown instance is still 404, whatever the body.
            return await client.GetInstanceAsync(instanceId, cancellation: cancellationToken) is null
                ? ProblemDetailsSetup.NotFound($"No orchestration instance has the id '{instanceId}'.")
                : error;
        }
        return await WhenActiveAsync(instanceId, client, cancellationToken,
            () => client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken));
    }

    /// <summary>Reads an optional JSON body: empty means null, anything else must parse.</summary>
    private static async Task<(JsonElement? Value, ProblemHttpResult? Error)> ReadJsonAsync(HttpRequest request, string what, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException error)
        {
            return (null, ProblemDetailsSetup.BadRequest($"The {what} is not valid JSON: {error.Message}"));
        }
    }

    /// <summary>
    /// Terminates the instance alone, as the Durable Functions extension's route does (its documentation: terminating
    /// has no effect on sub-orchestrations the instance started); the Orchestrations page terminates those itself.
    /// </summary>
    private static Task<Results<Accepted, ProblemHttpResult>> TerminateAsync(
        string instanceId, string? reason, [FromServices] DurableTaskClient client, CancellationToken cancellationToken) =>
        WhenActiveAsync(instanceId, client, cancellationToken,
            () => client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions { Output = reason }, cancellationToken));

    private static Task<Results<Accepted, ProblemHttpResult>> SuspendAsync(
        string instanceId, string? reason, [FromServices] DurableTaskClient client, CancellationToken cancellationToken) =>
        WhenActiveAsync(instanceId, client, cancellationToken, () => client.SuspendInstanceAsync(instanceId, reason, cancellationToken));

    private static Task<Results<Accepted, ProblemHttpResult>> ResumeAsync(
        string instanceId, string? reason, [FromServices] DurableTaskClient client, CancellationToken cancellationToken) =>
        WhenActiveAsync(instanceId, client, cancellationToken, () => client.ResumeInstanceAsync(instanceId, reason, cancellationToken));

    private static async Task<Results<Accepted, ProblemHttpResult>> RewindAsync(
        string instanceId, string? reason, [FromServices] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, cancellation: cancellationToken);
        if (metadata is null)
        {
            return ProblemDetailsSetup.NotFound($"No orchestration instance has the id '{instanceId}'.");
        }
        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
        {
            return ProblemDetailsSetup.Gone($"Only a failed instance can be rewound; '{instanceId}' is {metadata.RuntimeStatus}.");
        }
        try
        {
            await client.RewindInstanceAsync(instanceId, reason ?? "Rewound through the management API.", cancellationToken);
        }
        catch (Exception unsupported) when (unsupported is NotSupportedException || unsupported is NotImplementedException || unsupported is RpcException { StatusCode: StatusCode.Unimplemented })
        {
            return TypedResults.Problem("The local task hub cannot rewind instances; restart the instance instead.", statusCode: StatusCodes.Status501NotImplemented, title: "Rewind is not available.");
        }

        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<Accepted<HttpManagementPayload>, ProblemHttpResult>> RestartAsync(
        string instanceId, bool? restartWithNewInstanceId, [FromServices] DurableTaskClient client, HttpRequest request,
        [FromServices] TaskHubName hub, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(instanceId, cancellation: cancellationToken) is null)
        {
            return ProblemDetailsSetup.NotFound($"No orchestration instance has the id '{instanceId}'.");
        }
        var restarted = await client.RestartAsync(instanceId, restartWithNewInstanceId == true, cancellationToken);
        return HttpManagementPayload.Accepted(request, restarted, hub.Value);
    }

    private static async Task<Results<Ok<PurgeHistoryResult>, ProblemHttpResult>> PurgeInstanceAsync(
        string instanceId, [FromServices] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var result = await client.PurgeInstanceAsync(instanceId, cancellationToken);
        return result.PurgedInstanceCount == 0
            ? ProblemDetailsSetup.NotFound($"No finished orchestration instance has the id '{instanceId}'.")
            : TypedResults.Ok(new PurgeHistoryResult(result.PurgedInstanceCount));
    }

    private static async Task<Results<Ok<PurgeHistoryResult>, ValidationProblem, ProblemHttpResult>> PurgeInstancesAsync(
        [FromServices] DurableTaskClient client, DateTimeOffset? createdTimeFrom, DateTimeOffset? createdTimeTo, string? runtimeStatus,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var statuses = ParseStatuses(runtimeStatus, errors);
        if (createdTimeFrom is null)
        {
            // As in Durable Functions: a purge of many instances must say where to start.
            errors["createdTimeFrom"] = ["createdTimeFrom is required."];
        }
        if (errors.Count > 0)
        {
            return ProblemDetailsSetup.Validation(errors);
        }
        var result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(createdTimeFrom, createdTimeTo, statuses), cancellationToken);
        return result.PurgedInstanceCount == 0
            ? ProblemDetailsSetup.NotFound("No finished instance matched the filter.")
            : TypedResults.Ok(new PurgeHistoryResult(result.PurgedInstanceCount));
    }

    private static async Task<Results<Accepted<HttpManagementPayload>, ProblemHttpResult>> StartAsync(
        string functionName, string? instanceId, [FromServices] DurableTaskClient client, [FromServices] KnownOrchestrators registry,
        HttpRequest request, [FromServices] TaskHubName hub, CancellationToken cancellationToken)
    {
        if (!registry.Contains(functionName))
        {
            // Starting it anyway would leave an instance that can only fail.
            return ProblemDetailsSetup.NotFound($"No orchestrator is named '{functionName}'.");
        }
        var (input, error) = await ReadJsonAsync(request, "input", cancellationToken);
        if (error is not null)
        {
            return error;
        }
        try
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(functionName, input, new StartOrchestrationOptions(instanceId), cancellationToken);
            return HttpManagementPayload.Accepted(request, id, hub.Value);
        }
        catch (Exception conflict) when (conflict is InvalidOperationException || conflict is RpcException { StatusCode: StatusCode.AlreadyExists })
        {
            return TypedResults.Problem(conflict.Message, statusCode: StatusCodes.Status409Conflict, title: "The instance already exists.");
        }
    }

    /// <summary>Runs an operation that only makes sense while the instance can still change: 404 unknown, 410 finished.</summary>
    private static async Task<Results<Accepted, ProblemHttpResult>> WhenActiveAsync(
        string instanceId, [FromServices] DurableTaskClient client, CancellationToken cancellationToken, Func<Task> operation)
    {
        var metadata = await client.GetInstanceAsync(instanceId, cancellation: cancellationToken);
        if (metadata is null)
        {
            return ProblemDetailsSetup.NotFound($"No orchestration instance has the id '{instanceId}'.");
        }
        if (metadata.IsCompleted)
        {
            return ProblemDetailsSetup.Gone($"The instance '{instanceId}' has already finished ({metadata.RuntimeStatus}).");
        }
        await operation();
        return TypedResults.Accepted((string?)null);
    }

    private static List<OrchestrationRuntimeStatus>? ParseStatuses(string? runtimeStatus, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(runtimeStatus))
        {
            return null;
        }
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var name in runtimeStatus.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status) && Enum.IsDefined(status))
            {
                statuses.Add(status);
            }
            else
            {
                errors["runtimeStatus"] = [$"'{name}' is not a runtime status; use {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}."];
            }
        }
        return statuses;
    }
}

/// <summary>The body of a purge answer, as in Durable Functions.</summary>
internal sealed record PurgeHistoryResult(int InstancesDeleted);
