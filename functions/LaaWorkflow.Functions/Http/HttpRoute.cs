namespace LaaWorkflow.Functions.Http;

/// <summary>
/// One route of the HTTP API as the Functions app runs it: the handler the local host maps, with the same endpoint
/// filters and metadata, so a route cannot behave differently in Azure.
/// </summary>
/// <param name="Name">The endpoint's name in the local host, and the function's name.</param>
/// <param name="Pattern">The route pattern, with the parameters the handler binds.</param>
/// <param name="Handler">The shared handler.</param>
/// <param name="Filters">The endpoint filters the local host adds to the route, in order.</param>
/// <param name="Metadata">Endpoint metadata the middleware reads (a route's own body size limit).</param>
internal sealed record HttpRoute(
    string Name,
    string Pattern,
    Delegate Handler,
    IReadOnlyList<Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>>> Filters,
    IReadOnlyList<object> Metadata);
