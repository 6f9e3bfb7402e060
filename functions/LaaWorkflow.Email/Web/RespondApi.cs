using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Email;

/// <summary>The partner answer pages: <c>GET/POST /api/respond/{token}</c>.</summary>
public static class RespondApi
{
    /// <summary>Maps <c>GET /api/respond/{token}</c> (the choice page; records nothing) and <c>POST</c> (records once).</summary>
    public static IEndpointRouteBuilder MapRespondApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/respond").WithTags("Answers");

        group.AddEndpointFilter(TokenPageFilter);
        group.MapGet("/{token}", ShowAsync);
        group.MapPost("/{token}", RecordAsync).DisableAntiforgery();
        return app;
    }

    /// <summary>Every answer page carries the token pages' headers (no caching, no referrer), whatever it answers.</summary>
    internal static async ValueTask<object?> TokenPageFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        TokenPageHeaders.Apply(context.HttpContext.Response);
        return await next(context);
    }

    // Mail scanners fetch every link in an email, so this only reads.
    internal static async Task<ContentHttpResult> ShowAsync(string token, AnswerTokenService tokens, AnswerRecorder recorder, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var verified = Verify(token, tokens, loggers);
        if (verified.Problem is not null)
        {
            return verified.Problem;
        }

        var peek = await recorder.PeekAsync(verified.Token!, cancellationToken);
        return peek.Status switch
        {
            RecordStatus.Recorded => Html(StatusCodes.Status200OK, AnswerPages.Choice(peek.View!, verified.Token!)),
            RecordStatus.AlreadyRecorded => Html(StatusCodes.Status200OK, AnswerPages.Confirmed(peek.Answer!, peek.View, repeated: true)),
            RecordStatus.Closed => Html(StatusCodes.Status410Gone, AnswerPages.Problem("This consultation is closed", peek.Reason!)),
            RecordStatus.NotFound => NotFoundPage(),
            _ => UnavailablePage(),
        };
    }

    internal static async Task<ContentHttpResult> RecordAsync(string token, HttpRequest request, AnswerTokenService tokens, AnswerRecorder recorder, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var verified = Verify(token, tokens, loggers);
        if (verified.Problem is not null)
        {
            return verified.Problem;
        }

        if (!request.HasFormContentType)
        {
            return Html(StatusCodes.Status400BadRequest, AnswerPages.Problem("Your answer could not be read", "Please answer with the form on the page."));
        }

        var form = await Forms.TryReadAsync(request, cancellationToken);
        if (form is null)
        {
            return Html(StatusCodes.Status400BadRequest, AnswerPages.Problem("Your answer could not be read", "The form was damaged or incomplete. Please answer with the form on the page."));
        }

        var draft = new AnswerDraft(form["decision"].ToString(), form["comment"].ToString().Trim(), TargetComments(form));
        string? comment = draft.Comment;
        if (draft.TargetComments.Count > 0)
        {
            // The targets' order and codes come from the consultation, so only the partner's own targets are recorded.
            var targets = await recorder.PeekAsync(verified.Token!, cancellationToken);
            if (targets.View is null)
            {
                // Recording without them would drop what the partner wrote: refuse, and a retry records it whole.
                return targets.Status == RecordStatus.NotFound ? NotFoundPage() : UnavailablePage();
            }

            comment = AnswerForm.Compose(draft.Comment, [.. targets.View.Targets.Select(t => t.IndicatorCode)], draft.TargetComments);
        }

        var parsed = AnswerForm.Parse(draft.Decision, comment);
        if (parsed.Error is not null)
        {
            var peek = await recorder.PeekAsync(verified.Token!, cancellationToken);
            var field = draft.Decision?.Trim().ToLowerInvariant() is "endorse" or "object" or "request-changes" or "changes" ? "comment" : "decision-endorse";
            return peek.View is null
                ? Html(StatusCodes.Status400BadRequest, AnswerPages.Problem("Your answer could not be read", parsed.Error))
                : Html(StatusCodes.Status400BadRequest, AnswerPages.Choice(peek.View, verified.Token!, parsed.Error, draft, field));
        }

        var t = verified.Token!;
        var outcome = await recorder.RecordAsync(
            new AnswerSubmission(t.NegotiationId, t.PartnerId, t.Round, parsed.Decision, parsed.Comment, AnswerSource.EmailLink, time.GetUtcNow()),
            cancellationToken);
        return outcome.Status switch
        {
            RecordStatus.Recorded => Html(StatusCodes.Status200OK, AnswerPages.Confirmed(outcome.Answer!, outcome.View, repeated: false)),
            // The same answer again (a resubmitted form) is a success; a different one conflicts with the answer that stands.
            RecordStatus.AlreadyRecorded => Html(
                IsSameAnswer(outcome.Answer!, parsed.Decision, parsed.Comment) ? StatusCodes.Status200OK : StatusCodes.Status409Conflict,
                AnswerPages.Confirmed(outcome.Answer!, outcome.View, repeated: true)),
            RecordStatus.Closed => Html(StatusCodes.Status410Gone, AnswerPages.Problem("This consultation is closed", outcome.Reason!)),
            RecordStatus.NotFound => NotFoundPage(),
            _ => UnavailablePage(),
        };
    }

    /// <summary>The non-empty comments on single targets, by indicator (fields <c>target:NI 16</c> and so on).</summary>
    private static Dictionary<string, string> TargetComments(IFormCollection form)
    {
        var comments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in form)
        {
            if (key.StartsWith(AnswerForm.TargetCommentPrefix, StringComparison.Ordinal) && value.ToString().Trim() is { Length: > 0 } said)
            {
                comments[key[AnswerForm.TargetCommentPrefix.Length..]] = said;
            }
        }

        return comments;
    }

    private static bool IsSameAnswer(AnswerSubmission stored, AnswerDecision decision, string? comment) =>
        stored.Decision == decision && string.Equals(stored.Comment ?? "", comment ?? "", StringComparison.Ordinal);

    private static (AnswerToken? Token, ContentHttpResult? Problem) Verify(string token, AnswerTokenService tokens, ILoggerFactory loggers)
    {
        var result = tokens.Verify(token);
        if (result.IsValid && AnswerLinkFactory.IsGovernmentOfficeParty(result.Token!.PartnerId))
        {
            // A genuine Government Office decision token: it only opens the decision page its email links to.
            return (null, Html(StatusCodes.Status400BadRequest, AnswerPages.Problem(
                "This link cannot be used here", "This link is for the Government Office decision on the draft. Please use the link in the Government Office email.")));
        }

        if (result.IsValid)
        {
            return (result.Token, null);
        }

        Logs.TokenRefused(loggers.CreateLogger(typeof(RespondApi)), result.Token?.NegotiationId ?? "unknown", result.Status);
        return result.Status == TokenVerificationStatus.Expired
            ? (null, Html(StatusCodes.Status410Gone, AnswerPages.Problem("This link has expired", result.Message)))
            : (null, Html(StatusCodes.Status400BadRequest, AnswerPages.Problem("This link cannot be used", result.Message)));
    }

    internal static ContentHttpResult NotFoundPage() =>
        Html(StatusCodes.Status404NotFound, AnswerPages.Problem("We could not find this consultation", "The negotiation or partner this link names no longer exists. Please contact the LSP lead."));

    internal static ContentHttpResult UnavailablePage() =>
        Html(StatusCodes.Status503ServiceUnavailable, AnswerPages.Problem("Please try again", "We could not record your answer just now. Please try again in a few minutes; answering twice is safe."));

    internal static ContentHttpResult Html(int status, string html) => TypedResults.Content(html, "text/html; charset=utf-8", null, status);
}
