using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace LaaWorkflow.Functions.Http;

/// <summary>
/// /api/negotiations (API.md): the LSP leads' and admins' routes, checked by the Functions host's keys, and the
/// agreement document, which is published.
/// </summary>
public static class NegotiationFunctions
{
    [Function("StartNegotiation")]
    public static Task<IResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/negotiations")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.StartNegotiation);

    [Function("ListNegotiations")]
    public static Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/negotiations")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.ListNegotiations);

    [Function("GetNegotiation")]
    public static Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/negotiations/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.GetNegotiation, ("id", id));

    [Function("ReviseNegotiation")]
    public static Task<IResult> ReviseAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/negotiations/{id}/revisions")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.ReviseNegotiation, ("id", id));

    // The signed-off agreement is a published document: its link in the final notice works without a key.
    [Function("AgreementDocument")]
    public static Task<IResult> DocumentAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/negotiations/{id}/document")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.AgreementDocument, ("id", id));

    [Function("ResendInvitation")]
    public static Task<IResult> ResendAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/negotiations/{id}/partners/{partnerId}/resend-invitation")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id, string partnerId) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.ResendInvitation, ("id", id), ("partnerId", partnerId));

    [Function("RemindNow")]
    public static Task<IResult> RemindAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/negotiations/{id}/partners/{partnerId}/remind")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id, string partnerId) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.RemindNow, ("id", id), ("partnerId", partnerId));

    [Function("RecordAnswerOnBehalf")]
    public static Task<IResult> RecordOnBehalfAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/negotiations/{id}/partners/{partnerId}/answer")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id, string partnerId) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.RecordAnswerOnBehalf, ("id", id), ("partnerId", partnerId));

    [Function("ExtendDeadline")]
    public static Task<IResult> ExtendAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/negotiations/{id}/extend-deadline")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.ExtendDeadline, ("id", id));

    [Function("Withdraw")]
    public static Task<IResult> WithdrawAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/negotiations/{id}/withdraw")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.Withdraw, ("id", id));

    [Function("ExtendSignOffDeadline")]
    public static Task<IResult> ExtendSignOffAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/negotiations/{id}/sign-off-deadline")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.ExtendSignOffDeadline, ("id", id));

    // Anonymous to the host: the negotiator's signed link is their authority; without one the handler asks for an
    // admin key itself (Host:AdminKeys).
    [Function("GovernmentOfficeDecisionPage")]
    public static Task<IResult> DecisionPageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/negotiations/{id}/government-office/decision")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.GovernmentOfficeDecisionPage, ("id", id));

    [Function("GovernmentOfficeDecision")]
    public static Task<IResult> DecideAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/negotiations/{id}/government-office/decision")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.GovernmentOfficeDecision, ("id", id));

    [Function("GovernmentOfficeDraft")]
    public static Task<IResult> DraftAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/negotiations/{id}/government-office/draft")] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        HttpFunctions.RunAsync(request, client, ApiRoutes.GovernmentOfficeDraft, ("id", id));
}
