using System.Text;
using LaaWorkflow.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Functions.Tests.FunctionApp;

/// <summary>
/// The Functions app's services as its Program registers them (AddFunctionsApp, in an ASP.NET Core container like the
/// one the worker's ASP.NET Core integration builds), and its HTTP functions called directly with a request of our own,
/// as the Functions host would hand them one. Without the Functions host the durable client is not bound from the
/// invocation, so the caller passes one in (the local host's, on the same task hub and tables).
/// </summary>
internal sealed class FunctionInvocation : IAsyncDisposable
{
    private readonly WebApplication _app;

    public FunctionInvocation(IConfiguration settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddConfiguration(settings);
        builder.Services.AddFunctionsApp(builder.Configuration);
        _app = builder.Build();
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>A request as the Functions host forwards it, with a fresh response to write to.</summary>
    public HttpRequest Request(string method, string path, string? json = null, string? query = null)
    {
        var context = new DefaultHttpContext { RequestServices = _app.Services.CreateScope().ServiceProvider };
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = path;
        context.Request.QueryString = query is null ? QueryString.Empty : new QueryString(query);
        if (json is not null)
        {
            var body = Encoding.UTF8.GetBytes(json);
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = body.Length;
            context.Request.Body = new MemoryStream(body);
            // A server sets this for a request that carries a body; minimal APIs read no body without it.
            context.Features.Set<IHttpRequestBodyDetectionFeature>(new HasBody());
        }
        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    /// <summary>Runs what the function returned, as the worker's ASP.NET Core integration does, and reads the response.</summary>
    public static async Task<(int Status, string? ContentType, string Body)> ResponseAsync(HttpRequest request, IResult result)
    {
        var context = request.HttpContext;
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, context.Response.ContentType, await reader.ReadToEndAsync());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed class HasBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }
}
