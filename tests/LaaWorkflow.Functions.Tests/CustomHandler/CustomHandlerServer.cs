using System.Net;
using System.Net.Sockets;
using LaaWorkflow.Functions.CustomHandler;
using LaaWorkflow.Functions.CustomHandler.Maintenance;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Functions.Tests.CustomHandler;

/// <summary>
/// A real Kestrel app wired with <see cref="CustomHandlerExtensions.AddCustomHandler"/> exactly as the
/// Functions host would start it: the port comes from FUNCTIONS_CUSTOMHANDLER_PORT and requests go
/// over the loopback network, as the host sends them.
/// </summary>
internal sealed class CustomHandlerServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CustomHandlerServer(WebApplication app, int port)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public HttpClient Client { get; }

    public static async Task<CustomHandlerServer> StartAsync(
        DurableMaintenance? maintenance, TimeProvider clock, IDictionary<string, string?>? settings = null)
    {
        var port = FreePort();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [CustomHandlerPort.SettingName] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Services.AddSingleton(clock);
        if (maintenance is not null)
        {
            builder.Services.AddSingleton(maintenance);
        }
        builder.Services.AddProblemDetails();
        builder.AddCustomHandler();
        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapCustomHandlerApi();
        await app.StartAsync();
        return new CustomHandlerServer(app, port);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
