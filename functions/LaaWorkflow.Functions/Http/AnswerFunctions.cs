using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace LaaWorkflow.Functions.Http;

/// <summary>
/// The routes partners and SendGrid call: anonymous to the Functions host, each authorised by its own check (the
/// answer token, the Inbound Parse secret, the Event Webhook signature).
/// </summary>
public static class AnswerFunctions
{
    [Function("PartnerAnswerPage")]
    public static Task<IResult> ShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/respond/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string token) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.PartnerAnswerPage, ("token", token));

    [Function("PartnerAnswer")]
    public static Task<IResult> RecordAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/respond/{token}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string token) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.PartnerAnswer, ("token", token));

    [Function("InboundEmail")]
    public static Task<IResult> InboundAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/email/inbound")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.InboundEmail(request.HttpContext.RequestServices));

    [Function("EmailEvents")]
    public static Task<IResult> EventsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/email/events")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.EmailEvents(request.HttpContext.RequestServices));
}
