using LaaWorkflow.Web.Problems;
using LaaWorkflow.Web.Security;
using Microsoft.AspNetCore.Authentication;

namespace LaaWorkflow.Web.Hosting;

/// <summary>The web plumbing every endpoint relies on: options, problem details, keys, limits, OpenAPI, health.</summary>
internal static class HostServices
{
    public static IServiceCollection AddFunctionHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FunctionHostOptions>().Bind(configuration.GetSection(FunctionHostOptions.Section));
        services.AddHostProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures throw in every environment, so BadRequestExceptionHandler can say what was wrong.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddAuthentication(AdminKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AdminKeyAuthenticationHandler>(AdminKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminKeyAuthenticationHandler.Policy, policy => policy.RequireAuthenticatedUser().RequireRole(AdminKeyAuthenticationHandler.Policy));
        services.AddAnswerRateLimiting();
        services.AddOpenApi("v1");
        services.AddHealthChecks().AddCheck<Api.Health.StorageHealthCheck>(Api.Health.StorageHealthCheck.Name);
        return services;
    }

    public static WebApplication UseFunctionHost(this WebApplication app)
    {
        app.UseApiMiddleware();
        // The dashboard's files are copied beside the app (LaaWorkflow.Web's wwwroot), wherever its content root is.
        var dashboard = DashboardFiles.Provider();
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = dashboard });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = dashboard });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/api/openapi.json");
        return app;
    }

    /// <summary>
    /// The middleware every API request passes through, in both hosts: the local host's pipeline starts with it, and the
    /// Functions app runs it around each HTTP function's handler.
    /// </summary>
    public static IApplicationBuilder UseApiMiddleware(this IApplicationBuilder app)
    {
        app.UseRetryAfterOnUnavailable();
        // Unreadable bodies (bad JSON, wrong content type) are the caller's fault: their own status, not 500; storage
        // that does not answer is a 503 to try again later.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = error => error switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                _ when StorageOutage.IsOutage(error) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseRateLimiter();
        return app;
    }
}
