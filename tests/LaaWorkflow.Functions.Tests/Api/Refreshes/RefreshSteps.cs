using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Demo;

namespace LaaWorkflow.Functions.Tests.Api.Refreshes;

/// <summary>
/// The steps the refresh tests share, through the HTTP API only: finalise a demonstration agreement on a compact
/// timetable at a brisk pace (every partner endorses, recorded by an admin; the Government Office approves), propose a
/// refresh of it, answer for the partners it consults.
/// </summary>
internal static class RefreshSteps
{
    /// <summary>Real seconds per business day: the compact week passes in a few minutes, so nothing waits on a deadline.</summary>
    public const double Brisk = 30;

    public static readonly DateTimeOffset Opens = new(2008, 3, 3, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset RefreshOpens = new(2009, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Stockton on a compact timetable: opens 3 March 2008, answers due 7 March, sign-off 10 March.</summary>
    public static NegotiationRequest Agreement() => DemoNegotiations.For("Stockton") with { Timetable = Compact(Opens) };

    /// <summary>A week from opening to sign-off, reminders 3 and 1 days before the answers are due.</summary>
    public static TimetableRequest Compact(DateTimeOffset opens) => new()
    {
        ConsultationOpens = opens,
        ResponseDeadline = opens.AddDays(4),
        SignOffDeadline = opens.AddDays(7),
        ReminderDaysBefore = [3, 1],
        EscalationEveryDays = 1,
        SignOffWarningDaysBefore = [2],
    };

    /// <summary>Starts <paramref name="request"/> with its consultation open, has every partner endorse and the Government Office approve; returns its id once finalised.</summary>
    public static async Task<string> FinaliseAsync(HttpClient admin, NegotiationRequest request)
    {
        var pace = TestPace.At(request.Timetable!.ConsultationOpens!.Value.AddHours(1), Brisk);
        var id = (await NegotiationHost.StartAsync(admin, pace.On(request)))["id"]!.GetValue<string>();
        await EndorseAsync(admin, id, [.. request.Partners!.Select(p => p!.Id!)]);
        await DecideAsync(admin, id);
        await WaitForPhaseAsync(admin, id, "finalised");
        return id;
    }

    /// <summary>Endorses for each of <paramref name="partnerIds"/> once they are invited, then waits for the draft to reach the Government Office or be finalised.</summary>
    public static async Task EndorseAsync(HttpClient admin, string id, IReadOnlyList<string> partnerIds)
    {
        foreach (var partnerId in partnerIds)
        {
            await Eventually.WaitUntilAsync(async () =>
                await NegotiationHost.PartnerStatusAsync(admin, id, partnerId) is "invited" or "reminded" or "escalated");
            using var answer = await admin.PostAsJsonAsync(
                new Uri($"/api/negotiations/{id}/partners/{partnerId}/answer", UriKind.Relative),
                new { decision = "endorse", reason = "Endorsed at the partnership board.", admin = "test admin" });
            Assert.True(answer.StatusCode == HttpStatusCode.Accepted, await answer.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Approves the draft as an admin once it waits for the Government Office.</summary>
    public static async Task DecideAsync(HttpClient admin, string id)
    {
        await WaitForPhaseAsync(admin, id, "governmentOffice");
        using var approved = await admin.PostAsJsonAsync(
            new Uri($"/api/negotiations/{id}/government-office/decision", UriKind.Relative), new { approved = true, comment = "Approved." });
        Assert.True(approved.StatusCode == HttpStatusCode.Accepted, await approved.Content.ReadAsStringAsync());
    }

    public static async Task WaitForPhaseAsync(HttpClient admin, string id, string phase)
    {
        var seen = "";
        try
        {
            await Eventually.WaitUntilAsync(async () => (seen = (await NegotiationHost.GetAsync(admin, id))["phase"]!.GetValue<string>()) == phase, TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{id} did not reach phase {phase}; it is in {seen}: {await NegotiationHost.GetAsync(admin, id)}");
        }
    }

    /// <summary>
    /// Finalises the 2009 refresh of the finalised agreement <paramref name="id"/> that makes NI 16, NI 39 and the local
    /// target more ambitious: the partners concerned endorse, the Government Office approves. Returns the refresh's id.
    /// </summary>
    public static async Task<string> FinaliseRefreshAsync(HttpClient admin, string id, NegotiationRequest agreement)
    {
        var targets = agreement.Targets!.Select(t => t!.Indicator is "NI 16" or "NI 39" || t.Kind == "local" ? Stretched(t) : t).ToList();
        using var started = await PostRefreshAsync(admin, id, Refresh(targets));
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var refreshId = (await ProblemAsync(started))["id"]!.GetValue<string>();
        var concerned = agreement.Targets!.Where(t => t!.Indicator is "NI 16" or "NI 39" || t.Kind == "local").SelectMany(t => t!.LeadPartners!).Select(p => p!).Distinct().ToList();
        await EndorseAsync(admin, refreshId, concerned);
        await DecideAsync(admin, refreshId);
        await WaitForPhaseAsync(admin, refreshId, "finalised");
        return refreshId;
    }

    /// <summary>A refresh request for 2009 on its own compact timetable and brisk calendar, consultation open.</summary>
    public static RefreshRequest Refresh(IReadOnlyList<TargetRequest?> targets, string year = "2009") => new()
    {
        Year = year,
        Targets = targets,
        Timetable = Compact(RefreshOpens),
        Pace = new PaceRequest { Anchor = RefreshOpens.AddHours(1), StartedAt = DateTimeOffset.UtcNow, SecondsPerDay = Brisk },
    };

    public static Task<HttpResponseMessage> PostRefreshAsync(HttpClient admin, string id, RefreshRequest request) =>
        admin.PostAsJsonAsync(new Uri($"/api/negotiations/{id}/refreshes", UriKind.Relative), request, NegotiationHost.Json);

    /// <summary>The target more ambitious in its last year, in the direction it already improves (so it stays valid).</summary>
    public static TargetRequest Stretched(TargetRequest target) => target with
    {
        Trajectory = target.Trajectory!.ToDictionary(
            y => y.Key,
            y => y.Key == "2010/11" ? Math.Round(y.Value + ((y.Value - target.Baseline!.Value) / 5m), 1) : y.Value),
    };

    /// <summary>The messages the outbox holds for one negotiation in one category, newest first.</summary>
    public static async Task<JsonArray> OutboxAsync(HttpClient admin, string id, string category) =>
        JsonNode.Parse(await admin.GetStringAsync(new Uri($"/api/dev/outbox?negotiationId={Uri.EscapeDataString(id)}&category={category}&top=1000", UriKind.Relative)))!.AsArray();

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
