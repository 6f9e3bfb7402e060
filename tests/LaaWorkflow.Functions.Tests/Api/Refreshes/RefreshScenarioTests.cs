using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Testing;

namespace LaaWorkflow.Functions.Tests.Api.Refreshes;

/// <summary>
/// The yearly refresh of a finalised agreement over HTTP, on the real engine and Azurite: only the partners a change
/// concerns are consulted, the Government Office only about changed designated targets, and the refreshed document
/// keeps both versions' targets.
/// </summary>
[Collection("azurite-scenarios")]
public sealed class RefreshScenarioTests(AzuriteFixture azurite) : HostedApiTests(azurite)
{
    [Fact]
    public async Task Refresh_TwoDesignatedAndOneLocalTargetChanged_ConsultsOnlyTheirLeads_AndAsksTheGovernmentOfficeOnlyAboutTheDesignated()
    {
        var request = RefreshSteps.Agreement();
        var id = await RefreshSteps.FinaliseAsync(Admin, request);
        var targets = request.Targets!.ToList();
        var (first, second) = (targets.FindIndex(t => t!.Indicator == "NI 16"), targets.FindIndex(t => t!.Indicator == "NI 39"));
        var local = targets.FindIndex(t => t!.Kind == "local");
        var proposed = targets.ToList();
        foreach (var i in new[] { first, second, local })
        {
            proposed[i] = RefreshSteps.Stretched(targets[i]!);
        }

        var concerned = new[] { first, second, local }.SelectMany(i => targets[i]!.LeadPartners!).Select(p => p!).Distinct().Order(StringComparer.Ordinal).ToList();
        var others = request.Partners!.Select(p => p!.Id!).Except(concerned).ToList();
        Assert.NotEmpty(others);

        // Started once, whatever the number of times it is asked for.
        using var started = await RefreshSteps.PostRefreshAsync(Admin, id, RefreshSteps.Refresh(proposed));
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var refreshId = (await RefreshSteps.ProblemAsync(started))["id"]!.GetValue<string>();
        Assert.Equal($"{id}-refresh-2009", refreshId);
        Assert.Contains($"/instances/{refreshId}", started.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var again = await RefreshSteps.PostRefreshAsync(Admin, id, RefreshSteps.Refresh(proposed));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(refreshId, (await RefreshSteps.ProblemAsync(again))["id"]!.GetValue<string>());

        await RefreshSteps.EndorseAsync(Admin, refreshId, concerned);
        await RefreshSteps.DecideAsync(Admin, refreshId);
        await RefreshSteps.WaitForPhaseAsync(Admin, refreshId, "finalised");

        // Only the lead partners of what changed were invited; nobody else was asked anything.
        var invitations = await RefreshSteps.OutboxAsync(Admin, refreshId, "PartnerInvitation");
        var invited = invitations.Select(m => m!["to"]!.GetValue<string>()).Order().ToList();
        // Each invitation says it is about the refresh, not the original draft.
        Assert.All(invitations, m => Assert.Contains("2009 refresh of the 2008 agreement", m!["subject"]!.GetValue<string>(), StringComparison.Ordinal));
        var expected = request.Partners!.Where(p => concerned.Contains(p!.Id!)).Select(p => p!.Contact!.Email!).Order().ToList();
        Assert.Equal(expected, invited);
        var refreshed = await NegotiationHost.GetAsync(Admin, refreshId);
        Assert.All(others, partnerId => Assert.Equal("pending", Partner(refreshed, partnerId)["status"]!.GetValue<string>()));

        // The Government Office was asked about the two designated targets, and only told of the local one.
        var submission = Assert.Single(await RefreshSteps.OutboxAsync(Admin, refreshId, "GovernmentOfficeSubmission"))!["text"]!.GetValue<string>();
        Assert.Contains("NI 16 (designated, changed)", submission, StringComparison.Ordinal);
        Assert.Contains("NI 39 (designated, changed)", submission, StringComparison.Ordinal);
        Assert.Contains($"{targets[local]!.Indicator} (local, changed)", submission, StringComparison.Ordinal);
        Assert.Contains("[agreed by the partners concerned]", submission, StringComparison.Ordinal);
        var unchangedDesignated = targets.Where(t => t!.Kind == "designated" && t.Indicator is not ("NI 16" or "NI 39")).Select(t => t!.Indicator!).ToList();
        Assert.All(unchangedDesignated, indicator => Assert.DoesNotContain($"{indicator} ", submission, StringComparison.Ordinal));

        // The versions name each other, and the refresh says what changed.
        Assert.Equal(2, refreshed["version"]!.GetValue<int>());
        Assert.Equal(id, refreshed["refreshOf"]!.GetValue<string>());
        Assert.Equal("2009 refresh of the 2008 agreement", refreshed["versionLabel"]!.GetValue<string>());
        var changes = refreshed["changes"]!.AsArray();
        var changed = changes.Where(c => c!["change"]!.GetValue<string>() == "changed").Select(c => c!["indicator"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "NI 16", "NI 39", targets[local]!.Indicator! }.Order(StringComparer.Ordinal), changed);
        Assert.Equal(targets.Count - 3, changes.Count(c => c!["change"]!.GetValue<string>() == "unchanged"));
        var original = await NegotiationHost.GetAsync(Admin, id);
        Assert.Equal(1, original["version"]!.GetValue<int>());
        Assert.Equal([refreshId], original["refreshes"]!.AsArray().Select(r => r!.GetValue<string>()));

        // The refreshed document names its version and lists both versions' targets; the original's stays as it was.
        using var reader = Host.CreateClient();
        var document = await reader.GetStringAsync(new Uri("/" + AgreementDocuments.RouteFor(refreshId), UriKind.Relative));
        Assert.Contains("2009 refresh of the 2008 agreement", document, StringComparison.Ordinal);
        Assert.Contains("The 2008 agreement&#39;s targets, as agreed before this refresh", document, StringComparison.Ordinal);
        var nowIn2011 = Number(proposed[first]!.Trajectory!["2010/11"]);
        var was2011 = Number(targets[first]!.Trajectory!["2010/11"]);
        Assert.Contains(nowIn2011, document, StringComparison.Ordinal);
        Assert.Contains(was2011, document, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"changed\"><td>NI 16</td>", document, StringComparison.Ordinal);
        var originalDocument = await reader.GetStringAsync(new Uri("/" + AgreementDocuments.RouteFor(id), UriKind.Relative));
        Assert.DoesNotContain("refresh", originalDocument, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Refresh_OnlyALocalTargetChanged_IsFinalisedByThePartnersConcernedWithoutTheGovernmentOffice_AndBadRequestsStoreNothing()
    {
        var request = RefreshSteps.Agreement();
        var id = await RefreshSteps.FinaliseAsync(Admin, request);
        var targets = request.Targets!.ToList();
        var local = targets.FindIndex(t => t!.Kind == "local");

        // Refused before anything is stored: nothing changed, a year out of the period, over the 35 designated targets.
        using var unchanged = await RefreshSteps.PostRefreshAsync(Admin, id, RefreshSteps.Refresh(targets));
        using var badYear = await RefreshSteps.PostRefreshAsync(Admin, id, RefreshSteps.Refresh(targets, year: "2008"));
        var tooMany = Enumerable.Range(1, 36).Select(n => (TargetRequest?)(targets[0]! with { Indicator = "NI " + n })).Concat(targets.Skip(1)).ToList();
        using var overCap = await RefreshSteps.PostRefreshAsync(Admin, id, RefreshSteps.Refresh(tooMany));
        Assert.Equal(HttpStatusCode.BadRequest, unchanged.StatusCode);
        Assert.Contains("Nothing changed", (await RefreshSteps.ProblemAsync(unchanged))["errors"]!["targets"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.NotNull((await RefreshSteps.ProblemAsync(badYear))["errors"]!["year"]);
        Assert.Equal(HttpStatusCode.BadRequest, overCap.StatusCode);
        Assert.Contains("at most 35", (await RefreshSteps.ProblemAsync(overCap))["errors"]!["targets"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        using var none = await Admin.GetAsync(new Uri($"/api/negotiations/{id}-refresh-2009", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Empty((await NegotiationHost.GetAsync(Admin, id))["refreshes"]!.AsArray());

        var proposed = targets.ToList();
        proposed[local] = RefreshSteps.Stretched(targets[local]!);
        using var started = await RefreshSteps.PostRefreshAsync(Admin, id, RefreshSteps.Refresh(proposed));
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var refreshId = (await RefreshSteps.ProblemAsync(started))["id"]!.GetValue<string>();

        // While it runs, another proposal for the year, or one for the next year, is refused.
        using var otherProposal = await RefreshSteps.PostRefreshAsync(Admin, id, RefreshSteps.Refresh(targets.Take(targets.Count - 1).ToList()));
        using var nextYear = await RefreshSteps.PostRefreshAsync(Admin, id, RefreshSteps.Refresh(proposed, year: "2010"));
        Assert.Equal(HttpStatusCode.Conflict, otherProposal.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, nextYear.StatusCode);
        Assert.Contains("still running", (await RefreshSteps.ProblemAsync(nextYear))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        await RefreshSteps.EndorseAsync(Admin, refreshId, [.. targets[local]!.LeadPartners!.Select(p => p!)]);
        await RefreshSteps.WaitForPhaseAsync(Admin, refreshId, "finalised");

        var refreshed = await NegotiationHost.GetAsync(Admin, refreshId);
        var timeline = refreshed["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("approved", timeline);
        Assert.Empty(await RefreshSteps.OutboxAsync(Admin, refreshId, "GovernmentOfficeSubmission"));
        Assert.Contains("the Government Office was not asked", refreshed["outcome"]!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        using var reader = Host.CreateClient();
        var document = await reader.GetStringAsync(new Uri("/" + AgreementDocuments.RouteFor(refreshId), UriKind.Relative));
        Assert.Contains("without a Government Office decision", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_SentBackByTheGovernmentOffice_IsRevisedAndAsksOnlyTheLeadOfTheRevisedTargetAgain()
    {
        var request = RefreshSteps.Agreement();
        var id = await RefreshSteps.FinaliseAsync(Admin, request);
        var targets = request.Targets!.ToList();
        var first = targets.FindIndex(t => t!.Indicator == "NI 16");
        var proposed = targets.ToList();
        proposed[first] = RefreshSteps.Stretched(targets[first]!);
        using var started = await RefreshSteps.PostRefreshAsync(Admin, id, RefreshSteps.Refresh(proposed));
        var refreshId = (await RefreshSteps.ProblemAsync(started))["id"]!.GetValue<string>();
        var lead = targets[first]!.LeadPartners!.Single()!;
        await RefreshSteps.EndorseAsync(Admin, refreshId, [lead]);

        // The Government Office sends it back; the LSP lead stretches NI 16 further, through the revision route.
        await RefreshSteps.WaitForPhaseAsync(Admin, refreshId, "governmentOffice");
        using var returned = await Admin.PostAsJsonAsync(
            new Uri($"/api/negotiations/{refreshId}/government-office/decision", UriKind.Relative), new { approved = false, comment = "More ambition on NI 16." });
        Assert.Equal(HttpStatusCode.Accepted, returned.StatusCode);
        await RefreshSteps.WaitForPhaseAsync(Admin, refreshId, "revision");
        var revised = proposed.ToList();
        revised[first] = RefreshSteps.Stretched(proposed[first]!);
        using var revision = await Admin.PostAsJsonAsync(new Uri($"/api/negotiations/{refreshId}/revisions", UriKind.Relative), new RevisionRequest { Targets = revised }, NegotiationHost.Json);
        Assert.Equal(HttpStatusCode.Accepted, revision.StatusCode);

        // Round 2 asks NI 16's lead again, nobody else; the second submission goes to the Government Office.
        await Eventually.WaitUntilAsync(async () => Partner(await NegotiationHost.GetAsync(Admin, refreshId), lead)["round"]!.GetValue<int>() == 2);
        await RefreshSteps.EndorseAsync(Admin, refreshId, [lead]);
        await RefreshSteps.DecideAsync(Admin, refreshId);
        await RefreshSteps.WaitForPhaseAsync(Admin, refreshId, "finalised");

        var view = await NegotiationHost.GetAsync(Admin, refreshId);
        Assert.All(view["partners"]!.AsArray().Where(p => p!["id"]!.GetValue<string>() != lead), p => Assert.Equal(0, p!["round"]!.GetValue<int>()));
        var invitations = await RefreshSteps.OutboxAsync(Admin, refreshId, "PartnerInvitation");
        Assert.Equal(2, invitations.Count);
        Assert.All(invitations, m => Assert.Equal(request.Partners!.Single(p => p!.Id == lead)!.Contact!.Email, m!["to"]!.GetValue<string>()));
        Assert.Equal(2, (await RefreshSteps.OutboxAsync(Admin, refreshId, "GovernmentOfficeSubmission")).Count);
        var change = view["changes"]!.AsArray().Single(c => c!["indicator"]!.GetValue<string>() == "NI 16")!;
        Assert.Equal(revised[first]!.Trajectory!["2010/11"], change["after"]!["trajectory"]!["2010/11"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Refresh_UnknownOrNotFinalised_Is404Or409_AndStoresNothing()
    {
        var draft = (await NegotiationHost.StartAsync(Admin, TestPace.Draft(RefreshSteps.Agreement())))["id"]!.GetValue<string>();
        var targets = RefreshSteps.Agreement().Targets!.ToList();
        targets[0] = RefreshSteps.Stretched(targets[0]!);

        using var unknown = await RefreshSteps.PostRefreshAsync(Admin, "stockton-0000000000000000", RefreshSteps.Refresh(targets));
        using var notFinalised = await RefreshSteps.PostRefreshAsync(Admin, draft, RefreshSteps.Refresh(targets));
        using var anonymous = Host.CreateClient();
        using var withoutKey = await RefreshSteps.PostRefreshAsync(anonymous, draft, RefreshSteps.Refresh(targets));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notFinalised.StatusCode);
        Assert.Contains("Only a finalised agreement can be refreshed", (await RefreshSteps.ProblemAsync(notFinalised))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        using var none = await Admin.GetAsync(new Uri($"/api/negotiations/{draft}-refresh-2009", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Empty((await NegotiationHost.GetAsync(Admin, draft))["refreshes"]!.AsArray());
    }

    private static JsonNode Partner(JsonObject view, string partnerId) =>
        view["partners"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == partnerId)!;

    private static string Number(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
