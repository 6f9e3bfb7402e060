using LaaWorkflow.Functions.CustomHandler.Maintenance;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LaaWorkflow.Functions.CustomHandler;

/// <summary>
/// Wires the app to run as an Azure Functions custom handler: listen where the Functions host says,
/// and answer its invocations of the non-HTTP functions (the maintenance timer).
/// </summary>
internal static class CustomHandlerExtensions
{
    /// <summary>
    /// Listens on <c>127.0.0.1:FUNCTIONS_CUSTOMHANDLER_PORT</c> when the Functions host set that port,
    /// and registers the non-HTTP functions with their settings (validated at start).
    /// </summary>
    public static WebApplicationBuilder AddCustomHandler(this WebApplicationBuilder builder)
    {
        var port = CustomHandlerPort.Read(builder.Configuration);
        if (port is int listenOn)
        {
            // Loopback only: the Functions host is the one caller, and it calls from this machine.
            builder.WebHost.UseUrls($"http://127.0.0.1:{listenOn}");
        }
        builder.Services.AddSingleton(new CustomHandlerSettings(port));

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<MaintenanceOptions>()
            .BindConfiguration(MaintenanceOptions.Section)
            .Validate(options => options.FinishedInstanceRetention > TimeSpan.Zero,
                $"{MaintenanceOptions.Section}:{nameof(MaintenanceOptions.FinishedInstanceRetention)} must be a positive time span, such as 400.00:00:00.")
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<NonHttpFunction, MaintenanceFunction>());
        return builder;
    }

    /// <summary>
    /// Maps <c>POST /{FunctionName}</c> for each non-HTTP function, only when running under the
    /// Functions host: a plain local run has no host to call them and no reason to expose a purge.
    /// </summary>
    public static IEndpointRouteBuilder MapCustomHandlerApi(this IEndpointRouteBuilder app)
    {
        var settings = app.ServiceProvider.GetRequiredService<CustomHandlerSettings>();
        if (settings.Port is int port)
        {
            InvocationEndpoints.Map(app, app.ServiceProvider.GetServices<NonHttpFunction>());
            Logs.AnsweringFunctionsHost(app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CustomHandlerExtensions)), port);
        }
        return app;
    }
}

/// <summary>How the app was started: the custom handler port when the Functions host runs it, else null.</summary>
internal sealed record CustomHandlerSettings(int? Port);
