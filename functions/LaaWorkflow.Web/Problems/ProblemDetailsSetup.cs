using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LaaWorkflow.Web.Problems;

/// <summary>RFC 9457 problem details for every error the host produces.</summary>
internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddHostProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            if (context.ProblemDetails.Status == StatusCodes.Status503ServiceUnavailable && context.ProblemDetails.Detail is null)
            {
                // Only storage outages reach here as 503 (see StorageOutage): say plainly that trying again is the remedy.
                context.ProblemDetails.Detail = "Storage is unavailable just now; nothing was changed. Please try again in a few minutes.";
            }

            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });

    /// <summary>A 400 whose <c>errors</c> map names each bad field with its messages.</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string title = "The request is not valid.") =>
        TypedResults.ValidationProblem(errors, title: title);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static ProblemHttpResult Gone(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status410Gone, title: "No longer available.");

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid.");
}
