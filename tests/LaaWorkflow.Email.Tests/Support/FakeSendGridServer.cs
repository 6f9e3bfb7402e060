using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Email.Tests.Support;

/// <summary>A stand-in for SendGrid's API on a real local port: records each request and answers from a script.</summary>
internal sealed class FakeSendGridServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpResponse, Task>> _script = new();

    private FakeSendGridServer(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeSendGridServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeSendGridServer(app);
        app.MapPost("/v3/mail/send", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer s ? s.Features.Get<IServerAddressesFeature>()!.Addresses.First() : throw new InvalidOperationException("no server");
        server.BaseUrl = new Uri(address + "/");
        return server;
    }

    /// <summary>Queues the answer to the next request; with nothing queued the server answers 202.</summary>
    public void Then(int status, string? body = null, params (string Name, string Value)[] headers) =>
        _script.Enqueue(async response =>
        {
            response.StatusCode = status;
            foreach (var (name, value) in headers)
            {
                response.Headers[name] = value;
            }

            if (body is not null)
            {
                response.ContentType = "application/json";
                await response.WriteAsync(body);
            }
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue(new RecordedRequest(
            context.Request.Path,
            context.Request.Headers.Authorization.ToString(),
            context.Request.ContentType,
            body));
        if (_script.TryDequeue(out var answer))
        {
            await answer(context.Response);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.Headers["X-Message-Id"] = "fake-" + Requests.Count;
    }

    internal sealed record RecordedRequest(string Path, string Authorization, string? ContentType, string Body);
}
