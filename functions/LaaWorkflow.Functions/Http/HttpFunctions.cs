using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Functions.Http;

/// <summary>What every HTTP function does: hand its request, durable client and route values to <see cref="HttpPipelines"/>.</summary>
internal static class HttpFunctions
{
    public static Task<IResult> RunAsync(HttpRequest request, DurableTaskClient client, HttpRoute route, params (string Name, string? Value)[] routeValues) =>
        request.HttpContext.RequestServices.GetRequiredService<HttpPipelines>().RunAsync(request, client, route, routeValues);
}
