namespace LaaWorkflow.Web.Api.Management;

/// <summary>
/// Which ids an orchestration instance or negotiation can have at all. Storage keys cannot hold '/', '\', '#', '?' or
/// control characters and are at most 1 KiB, so a route naming such an id is answered here (no such instance) rather
/// than by a storage error surfacing as a 500.
/// </summary>
internal static class InstanceIdRules
{
    public const int MaxLength = 256;

    public static bool CanExist(string? id) =>
        !string.IsNullOrEmpty(id)
        && id.Length <= MaxLength
        && !id.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?');

    /// <summary>
    /// An endpoint filter for a route group whose routes name an id in <paramref name="routeValue"/>: an id no
    /// instance can have gets 404, as an unknown one does, before any handler touches storage.
    /// </summary>
    public static TBuilder RejectImpossibleIds<TBuilder>(this TBuilder builder, string routeValue, Func<string, IResult> refuse)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(Filter(routeValue, refuse));

    /// <summary>The filter <see cref="RejectImpossibleIds"/> adds, for a host that builds its endpoints itself.</summary>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Filter(string routeValue, Func<string, IResult> refuse) =>
        async (context, next) =>
            context.HttpContext.Request.RouteValues.TryGetValue(routeValue, out var value) && value is string id && !CanExist(id)
                ? refuse(id.Length > 64 ? id[..64] + "..." : id)
                : await next(context);
}
