using LaaWorkflow.Email.Events;
using LaaWorkflow.Email.Inbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Email;

/// <summary>SendGrid's webhooks: Inbound Parse (<c>POST /api/email/inbound</c>) and the Event Webhook (<c>POST /api/email/events</c>).</summary>
public static class EmailWebhooksApi
{
    /// <summary>Maps both webhooks. Neither uses the host's admin keys: Inbound Parse checks a shared secret, events an ECDSA signature.</summary>
    public static IEndpointRouteBuilder MapEmailWebhooksApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/email").WithTags("Email webhooks");
        var limit = new BodySizeLimit(app.ServiceProvider.GetRequiredService<IOptions<EmailOptions>>().Value.MaxInboundBytes);
        group.MapPost("/inbound", InboundAsync)
            .DisableAntiforgery()
            .WithMetadata(limit);
        group.MapPost("/events", EventsAsync)
            .WithMetadata(limit);
        return app;
    }

    internal static Task<IResult> InboundAsync(HttpRequest request, InboundParseHandler handler, CancellationToken cancellationToken) =>
        handler.HandleAsync(request, cancellationToken);

    internal static Task<IResult> EventsAsync(HttpRequest request, EventWebhookHandler handler, CancellationToken cancellationToken) =>
        handler.HandleAsync(request, cancellationToken);

    /// <summary>Both webhooks take bodies up to Email:MaxInboundBytes, whatever the host's general limit.</summary>
    internal sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}

