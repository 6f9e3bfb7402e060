using LaaWorkflow.Email;
using LaaWorkflow.Web.Api.Dev;
using LaaWorkflow.Web.Api.Health;
using LaaWorkflow.Web.Api.Management;
using LaaWorkflow.Web.Api.Negotiations;
using LaaWorkflow.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Filter = System.Func<Microsoft.AspNetCore.Http.EndpointFilterInvocationContext, Microsoft.AspNetCore.Http.EndpointFilterDelegate, System.Threading.Tasks.ValueTask<object?>>;

namespace LaaWorkflow.Functions.Http;

/// <summary>
/// The routes of API.md the Functions app serves, each with the handler and filters the local host maps it with
/// (LaaWorkflow.Web's <c>Map*Api</c> methods). The management routes under <c>/runtime/webhooks/durabletask</c> are not
/// here: in Azure the Durable Functions extension serves them itself.
/// </summary>
internal static class ApiRoutes
{
    private static readonly Filter s_negotiationIds = InstanceIdRules.Filter("id", NegotiationsApi.NoSuchNegotiation);

    // The development routes do not exist unless Host:DevRoutes is on, as in the local host, which does not map them.
    private static readonly Filter s_devOnly = async (context, next) =>
        context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<FunctionHostOptions>>().CurrentValue.DevRoutes
            ? await next(context)
            : Results.NotFound();

    public static readonly HttpRoute StartNegotiation = Negotiations("StartNegotiation", "/api/negotiations", NegotiationsApi.StartAsync);
    public static readonly HttpRoute ListNegotiations = Negotiations("ListNegotiations", "/api/negotiations", NegotiationsApi.ListAsync);
    public static readonly HttpRoute GetNegotiation = Negotiations("GetNegotiation", "/api/negotiations/{id}", NegotiationsApi.GetAsync);
    public static readonly HttpRoute ReviseNegotiation = Negotiations("ReviseNegotiation", "/api/negotiations/{id}/revisions", NegotiationsApi.ReviseAsync);
    public static readonly HttpRoute StartRefresh = Negotiations("StartRefresh", "/api/negotiations/{id}/refreshes", NegotiationsApi.StartRefreshAsync);
    public static readonly HttpRoute AgreementDocument = Negotiations("AgreementDocument", "/api/negotiations/{id}/document", NegotiationsApi.DocumentAsync);
    public static readonly HttpRoute ResendInvitation = Negotiations("ResendInvitation", "/api/negotiations/{id}/partners/{partnerId}/resend-invitation", NegotiationsApi.ResendAsync);
    public static readonly HttpRoute RemindNow = Negotiations("RemindNow", "/api/negotiations/{id}/partners/{partnerId}/remind", NegotiationsApi.RemindAsync);
    public static readonly HttpRoute RecordAnswerOnBehalf = Negotiations("RecordAnswerOnBehalf", "/api/negotiations/{id}/partners/{partnerId}/answer", NegotiationsApi.RecordOnBehalfAsync);
    public static readonly HttpRoute ExtendDeadline = Negotiations("ExtendDeadline", "/api/negotiations/{id}/extend-deadline", NegotiationsApi.ExtendAsync);
    public static readonly HttpRoute Withdraw = Negotiations("Withdraw", "/api/negotiations/{id}/withdraw", NegotiationsApi.WithdrawAsync);
    public static readonly HttpRoute ExtendSignOffDeadline = Negotiations("ExtendSignOffDeadline", "/api/negotiations/{id}/sign-off-deadline", NegotiationsApi.ExtendSignOffAsync);

    public static readonly HttpRoute GovernmentOfficeDecisionPage = new(
        "GovernmentOfficeDecisionPage", NegotiationsApi.DecisionRoute, NegotiationsApi.ShowDecisionPageAsync, [s_negotiationIds, NegotiationsApi.SignedLinkFilter], []);
    public static readonly HttpRoute GovernmentOfficeDecision = new(
        "GovernmentOfficeDecision", NegotiationsApi.DecisionRoute, NegotiationsApi.DecideAsync, [s_negotiationIds, NegotiationsApi.SignedLinkFilter], []);

    public static readonly HttpRoute GovernmentOfficeDraft = new(
        "GovernmentOfficeDraft", NegotiationsApi.DraftRoute, NegotiationsApi.ShowDraftAsync, [s_negotiationIds, NegotiationsApi.SignedLinkFilter], []);

    public static readonly HttpRoute PartnerAnswerPage = new("PartnerAnswerPage", "/api/respond/{token}", RespondApi.ShowAsync, [RespondApi.TokenPageFilter], []);
    public static readonly HttpRoute PartnerAnswer = new("PartnerAnswer", "/api/respond/{token}", RespondApi.RecordAsync, [RespondApi.TokenPageFilter], []);

    public static readonly HttpRoute Health = new("Health", "/api/health", HealthApi.CheckAsync, [], []);
    public static readonly HttpRoute DevOutbox = new("DevOutbox", "/api/dev/outbox", DevApi.ReadOutboxAsync, [s_devOnly], []);
    public static readonly HttpRoute DevMetrics = new("DevMetrics", "/api/dev/metrics", DevApi.ReadMetrics, [s_devOnly], []);

    /// <summary>The email webhooks, with the body limit of <c>Email:MaxInboundBytes</c> as the local host gives them.</summary>
    public static HttpRoute InboundEmail(IServiceProvider services) =>
        new("InboundEmail", "/api/email/inbound", EmailWebhooksApi.InboundAsync, [], [EmailBodyLimit(services)]);

    public static HttpRoute EmailEvents(IServiceProvider services) =>
        new("EmailEvents", "/api/email/events", EmailWebhooksApi.EventsAsync, [], [EmailBodyLimit(services)]);

    private static EmailWebhooksApi.BodySizeLimit EmailBodyLimit(IServiceProvider services) =>
        new(services.GetRequiredService<IOptions<EmailOptions>>().Value.MaxInboundBytes);

    private static HttpRoute Negotiations(string name, string pattern, Delegate handler) => new(name, pattern, handler, [s_negotiationIds], []);
}
