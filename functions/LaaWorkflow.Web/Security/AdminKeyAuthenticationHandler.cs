using System.Security.Claims;
using System.Text.Encodings.Web;
using LaaWorkflow.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Web.Security;

/// <summary>Authenticates admin callers by function key, the way the Azure Functions host does for admin-level keys.</summary>
internal sealed class AdminKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<FunctionHostOptions> hostOptions,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "FunctionKey";
    public const string Policy = "admin";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = AdminKeys.Presented(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var configured = hostOptions.CurrentValue.AdminKeyList;
        if (configured.Count == 0 || !AdminKeys.Matches(presented, configured))
        {
            return Task.FromResult(AuthenticateResult.Fail("The function key is not valid."));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, Policy)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{AdminKeys.HeaderName}";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "An admin key is required.",
                Detail = $"Send a valid key in the '{AdminKeys.HeaderName}' header or the '{AdminKeys.QueryName}' query parameter.",
            },
        });
    }
}
