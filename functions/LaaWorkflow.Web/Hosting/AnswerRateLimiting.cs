using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Web.Hosting;

/// <summary>
/// Limits the public, unauthenticated answer routes per client address: they are reachable by
/// anyone holding a link, so a script hammering them must not starve the workflow.
/// </summary>
internal static class AnswerRateLimiting
{
    private static readonly string[] s_publicPrefixes = ["/api/respond", "/api/email/inbound", "/api/email/events"];

    public static IServiceCollection AddAnswerRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!IsPublicAnswerRoute(context.Request.Path))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }
                var perMinute = context.RequestServices.GetRequiredService<IOptionsMonitor<FunctionHostOptions>>().CurrentValue.AnswerRequestsPerMinute;
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                http.Response.Headers.RetryAfter = "60";
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests.",
                        Detail = "Too many answers from this address; try again in a minute.",
                    },
                });
            };
        });

    private static bool IsPublicAnswerRoute(PathString path) =>
        s_publicPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
