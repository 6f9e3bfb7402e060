using System.Collections.Concurrent;
using LaaWorkflow.Functions.Hosting;
using LaaWorkflow.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Functions.Http;

/// <summary>
/// Runs an HTTP function's request through what the local host runs it through: the API middleware (problem details,
/// 503 on storage outages, body size limits, answer rate limits), the route's endpoint filters, and the shared handler
/// bound by ASP.NET Core's own request delegate factory, the one minimal APIs use.
/// </summary>
internal sealed class HttpPipelines(IServiceProvider services)
{
    private readonly ConcurrentDictionary<string, RequestDelegate> _pipelines = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="route"/> for <paramref name="request"/> and writes its response.</summary>
    /// <param name="request">The request, as the Functions host forwarded it.</param>
    /// <param name="client">The durable client the invocation was given.</param>
    /// <param name="route">The route.</param>
    /// <param name="routeValues">The values of the route's parameters, as the function was given them.</param>
    /// <returns>An empty result: the response is already written.</returns>
    public async Task<IResult> RunAsync(HttpRequest request, DurableTaskClient client, HttpRoute route, params (string Name, string? Value)[] routeValues)
    {
        ArgumentNullException.ThrowIfNull(request);
        services.GetRequiredService<BoundDurableTaskClient>().Bind(client);
        foreach (var (name, value) in routeValues)
        {
            request.RouteValues[name] = value;
        }
        await _pipelines.GetOrAdd(route.Name, _ => Build(route))(request.HttpContext);
        return Results.Empty;
    }

    private RequestDelegate Build(HttpRoute route)
    {
        var pattern = RoutePatternFactory.Parse(route.Pattern);
        var endpointBuilder = new RouteEndpointBuilder(requestDelegate: null, pattern, order: 0) { DisplayName = route.Name };
        foreach (var filter in route.Filters)
        {
            endpointBuilder.FilterFactories.Add((_, next) => invocation => filter(invocation, next));
        }
        foreach (var metadata in route.Metadata)
        {
            endpointBuilder.Metadata.Add(metadata);
        }
        var handler = RequestDelegateFactory.Create(route.Handler, new RequestDelegateFactoryOptions
        {
            ServiceProvider = services,
            RouteParameterNames = [.. pattern.Parameters.Select(parameter => parameter.Name)],
            ThrowOnBadRequest = true,
            EndpointBuilder = endpointBuilder,
        });
        endpointBuilder.RequestDelegate = handler.RequestDelegate;
        var endpoint = endpointBuilder.Build();

        var app = new ApplicationBuilder(services);
        app.Use(next => context =>
        {
            context.SetEndpoint(endpoint);
            return next(context);
        });
        app.UseApiMiddleware();
        app.Run(handler.RequestDelegate);
        return app.Build();
    }
}
