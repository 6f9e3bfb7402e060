using System.Net.Sockets;
using Azure;

namespace LaaWorkflow.Web.Problems;

/// <summary>
/// Storage that cannot be reached is a passing condition, not a bug: such failures answer 503 with
/// <c>Retry-After</c>, so callers (partners answering, webhooks, admins) know to try again and never
/// take the failure for a refusal or, worse, for a success.
/// </summary>
internal static class StorageOutage
{
    /// <summary>Seconds a caller is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 30;

    /// <summary>True when <paramref name="error"/> (or what it wraps) says storage did not answer or answered it is unavailable.</summary>
    /// <remarks>
    /// The Azure SDK clients report an unreachable account as <see cref="RequestFailedException"/> with status 0 (the
    /// socket error inside), a server fault as status 5xx, a network timeout as a cancellation wrapping
    /// <see cref="TimeoutException"/>, and retries that ran out as an <see cref="AggregateException"/> of those.
    /// </remarks>
    public static bool IsOutage(Exception? error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case RequestFailedException failed when failed.Status is 0 or >= StatusCodes.Status500InternalServerError:
                case HttpRequestException:
                case SocketException:
                case TimeoutException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsOutage):
                    return true;
                default:
                    break;
            }
        }

        return false;
    }

    /// <summary>Adds <c>Retry-After</c> to every 503 the host sends that does not name one already.</summary>
    public static IApplicationBuilder UseRetryAfterOnUnavailable(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            if (context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable && !context.Response.Headers.ContainsKey("Retry-After"))
            {
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        });
        await next(context);
    });
}
