using System.Net;
using System.Text.Json;
using LaaWorkflow.Functions.CustomHandler.Payloads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LaaWorkflow.Functions.CustomHandler;

/// <summary>
/// <c>POST /{FunctionName}</c> for every <see cref="NonHttpFunction"/>: the custom handler side of the
/// Functions host's invocation protocol. HTTP functions never come here; the host forwards those
/// requests unchanged to the app's own routes.
/// </summary>
internal static class InvocationEndpoints
{
    // The host reads these keys PascalCase and the outputs by their binding names, so the
    // app's camelCase JSON defaults must not apply here.
    private static readonly JsonSerializerOptions s_wire = new() { PropertyNamingPolicy = null, DictionaryKeyPolicy = null };

    public static void Map(IEndpointRouteBuilder app, IEnumerable<NonHttpFunction> functions)
    {
        foreach (var function in functions)
        {
            app.MapPost("/" + function.Name, (HttpContext context, CancellationToken cancellationToken) =>
                    InvokeAsync(function, context, cancellationToken))
                .WithName("CustomHandler" + function.Name)
                .ExcludeFromDescription()
                .AllowAnonymous();
        }
    }

    private static async Task<Results<JsonHttpResult<InvocationResponse>, ProblemHttpResult>> InvokeAsync(
        NonHttpFunction function, HttpContext context, CancellationToken cancellationToken)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(InvocationEndpoints));

        // The host calls from the same machine; anything else must not be able to run a purge.
        var caller = context.Connection.RemoteIpAddress;
        if (caller is not null && !IPAddress.IsLoopback(caller))
        {
            Logs.RemoteCallerRefused(logger, "-", function.Name, caller.ToString());
            return TypedResults.Problem(
                title: "Invocations come from the Functions host only",
                detail: $"{function.Name} accepts invocations from this machine only.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        InvocationRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<InvocationRequest>(context.Request.Body, s_wire, cancellationToken);
        }
        catch (JsonException exception)
        {
            return Rejected(logger, "-", function.Name, $"The body is not a custom handler payload: {exception.Message}");
        }
        if (request is null)
        {
            return Rejected(logger, "-", function.Name, "The body is empty or null; expected {\"Data\": {...}, \"Metadata\": {...}}.");
        }

        try
        {
            var response = await function.InvokeAsync(request, cancellationToken);
            return TypedResults.Json(response, s_wire);
        }
        catch (InvalidPayloadException exception)
        {
            return Rejected(logger, request.InvocationId(), function.Name, exception.Message);
        }
    }

    private static ProblemHttpResult Rejected(ILogger logger, string invocationId, string functionName, string problem)
    {
        Logs.PayloadRejected(logger, invocationId, functionName, problem);
        return TypedResults.Problem(
            title: "Invalid custom handler payload",
            detail: problem,
            statusCode: StatusCodes.Status400BadRequest);
    }
}
