using LaaWorkflow.Web.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Web.Problems;

/// <summary>
/// Refuses oversized bodies with a 413 problem before any endpoint reads them. Kestrel enforces its
/// own limit too, but only while reading, and the in-process test server not at all; checking the
/// declared length here gives every caller the same clear answer.
/// </summary>
internal sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptionsMonitor<FunctionHostOptions> options)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        // A route that declares its own limit (the inbound email webhook: mail with attachments) gets that one.
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? options.CurrentValue.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "The request body is too large.",
                    Detail = $"The body has {context.Request.ContentLength} bytes; at most {limit} are accepted.",
                },
            });
            return;
        }
        // Bodies without a declared length (chunked) are cut off by the server while reading.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }
        await next(context);
    }
}
