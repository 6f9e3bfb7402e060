using System.Text.Json;
using LaaWorkflow.Email.Web;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Service;
using LaaWorkflow.Web.Api.Management;
using LaaWorkflow.Web.Problems;
using LaaWorkflow.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Web.Api.Negotiations;

/// <summary>
/// The Government Office decision (API.md): an admin posts JSON with the admin key; the negotiator follows the signed
/// link in the submission email (<c>?token=</c>) to a page (GET, records nothing) whose form posts the decision, or
/// posts the same JSON with the token instead of a key.
/// </summary>
internal static partial class NegotiationsApi
{
    internal const string DecisionRoute = "/api/negotiations/{id}/government-office/decision";

    /// <summary>The draft the decision is about, opened from the decision page with the same signed link.</summary>
    internal const string DraftRoute = "/api/negotiations/{id}/government-office/" + GovernmentOfficePages.DraftPage;

    private static void MapGovernmentOfficeDecision(IEndpointRouteBuilder app)
    {
        // Not in the admin group: the signed link is the negotiator's authority, and the handler asks for a key without one.
        var decision = app.MapGroup("").WithTags("Negotiations").RejectImpossibleIds("id", NoSuchNegotiation);
        decision.AddEndpointFilter(SignedLinkFilter);
        decision.MapGet(DecisionRoute, ShowDecisionPageAsync).WithName("GovernmentOfficeDecisionPage");
        decision.MapPost(DecisionRoute, DecideAsync).WithName("GovernmentOfficeDecision")
            .Accepts<GovernmentOfficeDecisionRequest>("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
            .DisableAntiforgery();
        decision.MapGet(DraftRoute, ShowDraftAsync).WithName("GovernmentOfficeDraft");
    }

    /// <summary>A request that carries the negotiator's signed link gets the token pages' headers (no caching, no referrer).</summary>
    internal static async ValueTask<object?> SignedLinkFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Request.Query.ContainsKey("token"))
        {
            TokenPageHeaders.Apply(context.HttpContext.Response);
        }
        return await next(context);
    }

    internal static async Task<IResult> ShowDecisionPageAsync(
        string id, string? token, [FromServices] GovernmentOfficeLinks links, CancellationToken cancellationToken)
    {
        var link = await links.CheckAsync(id, token, cancellationToken);
        return link.Status == DecisionLinkStatus.Open
            ? Html(StatusCodes.Status200OK, GovernmentOfficePages.Decision(link.Agreement!, link.Submission!.Value, token, office: link.Office))
            : LinkProblemPage(link);
    }

    /// <summary>The draft as a document to read or print; the decision link is its authority, and it records nothing.</summary>
    internal static async Task<IResult> ShowDraftAsync(
        string id, string? token, [FromServices] GovernmentOfficeLinks links, CancellationToken cancellationToken)
    {
        var link = await links.CheckAsync(id, token, cancellationToken);
        return link.Status == DecisionLinkStatus.Open
            ? Html(StatusCodes.Status200OK, GovernmentOfficePages.Draft(link.Agreement!, link.Submission!.Value, token))
            : LinkProblemPage(link);
    }

    internal static async Task<IResult> DecideAsync(
        string id, string? token, HttpContext http, [FromServices] NegotiationService negotiations, [FromServices] GovernmentOfficeLinks links,
        [FromServices] IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        if (http.Request.HasFormContentType)
        {
            return await DecideFromPageAsync(id, token, http.Request, links, cancellationToken);
        }

        if (token is null)
        {
            var admin = await http.AuthenticateAsync(AdminKeyAuthenticationHandler.SchemeName);
            if (!admin.Succeeded)
            {
                return Results.Challenge(authenticationSchemes: [AdminKeyAuthenticationHandler.SchemeName]);
            }
        }

        var body = await ReadDecisionAsync(http.Request, json.Value.SerializerOptions, cancellationToken);
        if (token is null)
        {
            return ToResult(await negotiations.GovernmentOfficeDecisionAsync(id, body?.Approved, body?.Comment, body?.Office, cancellationToken));
        }

        var (link, result) = await links.DecideAsync(id, token, body?.Approved, body?.Comment, cancellationToken);
        return result is not null ? ToResult(result) : LinkProblem(link);
    }

    internal static async Task<IResult> DecideFromPageAsync(string id, string? token, HttpRequest request, GovernmentOfficeLinks links, CancellationToken cancellationToken)
    {
        var form = await Forms.TryReadAsync(request, cancellationToken);
        if (form is null)
        {
            return Html(StatusCodes.Status400BadRequest, GovernmentOfficePages.Problem("The decision could not be read", "The form was damaged or incomplete. Please decide with the form on the page."));
        }

        var comment = form["comment"].ToString().Trim();
        var chosen = form["decision"].ToString();
        bool? approved = chosen switch
        {
            "approve" => true,
            "return" => false,
            _ => null,
        };
        var (link, result) = await links.DecideAsync(id, token, approved, comment, cancellationToken);
        if (result is null)
        {
            return LinkProblemPage(link);
        }

        return result.Status switch
        {
            NegotiationResultStatus.Accepted => Html(StatusCodes.Status200OK, GovernmentOfficePages.Recorded(link.Agreement!, approved!.Value, comment)),
            NegotiationResultStatus.Invalid => Html(StatusCodes.Status400BadRequest, GovernmentOfficePages.Decision(
                link.Agreement!, link.Submission!.Value, token,
                approved is null ? "Choose whether to approve the draft or return it." : "Say what must change before the draft is returned.", comment,
                approved is null ? null : chosen, link.Office)),
            NegotiationResultStatus.NotFound => LinkProblemPage(link with { Status = DecisionLinkStatus.NotFound, Message = result.Message ?? "" }),
            _ => Html(StatusCodes.Status409Conflict, GovernmentOfficePages.Problem("The decision was not recorded", result.Message ?? "The negotiation has moved on.")),
        };
    }

    /// <summary>The JSON body, read here because the form and the JSON share one route; unreadable JSON is a named 400.</summary>
    internal static async Task<GovernmentOfficeDecisionRequest?> ReadDecisionAsync(HttpRequest request, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            return null;
        }

        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Send the decision as application/json.", StatusCodes.Status415UnsupportedMediaType);
        }

        try
        {
            return await request.ReadFromJsonAsync<GovernmentOfficeDecisionRequest>(options, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException("The request body is not valid JSON for this route.", StatusCodes.Status400BadRequest, ex);
        }
    }

    internal static IResult LinkProblem(DecisionLinkCheck link) => link.Status switch
    {
        DecisionLinkStatus.NotFound => ProblemDetailsSetup.NotFound(link.Message),
        DecisionLinkStatus.Expired or DecisionLinkStatus.Closed => ProblemDetailsSetup.Gone(link.Message),
        _ => ProblemDetailsSetup.BadRequest(link.Message),
    };

    internal static IResult LinkProblemPage(DecisionLinkCheck link) => link.Status switch
    {
        DecisionLinkStatus.NotFound => Html(StatusCodes.Status404NotFound, GovernmentOfficePages.Problem("We could not find this negotiation", link.Message)),
        DecisionLinkStatus.Expired => Html(StatusCodes.Status410Gone, GovernmentOfficePages.Problem("This link has expired", link.Message)),
        DecisionLinkStatus.Closed => Html(StatusCodes.Status410Gone, GovernmentOfficePages.Problem("This decision is closed", link.Message)),
        _ => Html(StatusCodes.Status400BadRequest, GovernmentOfficePages.Problem("This link cannot be used", link.Message)),
    };

    internal static ContentHttpResult Html(int status, string html) => TypedResults.Content(html, "text/html; charset=utf-8", null, status);
}
