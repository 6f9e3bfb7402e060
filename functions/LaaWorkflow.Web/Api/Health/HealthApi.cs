using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LaaWorkflow.Web.Api.Health;

/// <summary>GET /api/health: 200 when every dependency answers, 503 naming the ones that do not.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", CheckAsync).WithName("Health").WithTags("Health").AllowAnonymous();
        return app;
    }

    internal static async Task<Results<Ok<HealthReportBody>, JsonHttpResult<HealthReportBody>>> CheckAsync(
        [FromServices] HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        var body = new HealthReportBody(
            report.Status.ToString(),
            report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new HealthEntryBody(entry.Value.Status.ToString(), entry.Value.Description ?? entry.Value.Exception?.Message)),
            [.. report.Entries.Where(entry => entry.Value.Status == HealthStatus.Unhealthy).Select(entry => entry.Key)]);
        return report.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(body);
    }
}

/// <summary>The health answer: overall status, each dependency's status, and the names of those failing.</summary>
internal sealed record HealthReportBody(string Status, IReadOnlyDictionary<string, HealthEntryBody> Dependencies, IReadOnlyList<string> Failing);

internal sealed record HealthEntryBody(string Status, string? Description);
