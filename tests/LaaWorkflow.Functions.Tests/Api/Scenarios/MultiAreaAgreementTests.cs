using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Testing;

namespace LaaWorkflow.Functions.Tests.Api.Scenarios;

/// <summary>
/// A multi-area agreement over HTTP, on the real engine and Azurite: three authorities endorse through their LSP leads'
/// links beside the partners (one only after a reminder), two Government Offices decide on their own links, one sends
/// the draft back once, the lead authority revises, and the agreement is signed off by both.
/// </summary>
[Collection("azurite-scenarios")]
public sealed partial class MultiAreaAgreementTests(AzuriteFixture azurite) : HostedApiTests(azurite)
{
    /// <summary>Four real seconds a business day: the reminder a day after opening comes within seconds, sign-off nearly two minutes away.</summary>
    private const double SecondsPerDay = 4;

    [Fact]
    public async Task MultiArea_LateAuthorityAndOneOfficeSendingItBack_EndsFinalisedWithEveryAuthorityAndTheme()
    {
        var request = MultiAreaRequests.Valid();
        var id = (await NegotiationHost.StartAsync(Admin, TestPace.At(MultiAreaRequests.Opens.AddHours(1), SecondsPerDay).On(request)))["id"]!.GetValue<string>();
        await Eventually.WaitUntilAsync(async () =>
            (await NegotiationHost.GetAsync(Admin, id))["partners"]!.AsArray().All(p => p!["status"]!.GetValue<string>() != "pending"));

        // The authorities are consulted beside the partners, each through its LSP lead; the lead authority's too.
        var started = await NegotiationHost.GetAsync(Admin, id);
        Assert.Equal("multi-area", started["kind"]!.GetValue<string>());
        Assert.Equal(["darlington", "hartlepool", "north-yorkshire"], started["authorities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()));
        Assert.Equal(5, started["partners"]!.AsArray().Count);

        using var anyone = Host.CreateClient();
        foreach (var email in new[] { "police@partners.example", "jcp@partners.example", MultiAreaRequests.LeadEmail("darlington"), MultiAreaRequests.LeadEmail("north-yorkshire") })
        {
            await EndorseAsync(anyone, await LinkAsync(email, "PartnerInvitation", AnswerLink()));
        }

        // Hartlepool endorses late: only once its LSP lead has been reminded.
        var hartlepool = MultiAreaRequests.LeadEmail("hartlepool");
        var reminder = await LinkAsync(hartlepool, "PartnerReminder", AnswerLink());
        var invitation = JsonNode.Parse(await Admin.GetStringAsync(new Uri($"/api/dev/outbox?to={Uri.EscapeDataString(hartlepool)}", UriKind.Relative)))!.AsArray()
            .Single(m => m!["category"]!.GetValue<string>() == "PartnerInvitation")!;
        Assert.Contains("Tees and Swale Multi-Area Agreement", invitation["subject"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("As a participating authority, Hartlepool Borough Council endorses the whole draft", invitation["text"]!.GetValue<string>(), StringComparison.Ordinal);
        using (var answerPage = await anyone.GetAsync(reminder))
        {
            // An authority answers on the whole draft, not only the target it leads.
            var html = await answerPage.Content.ReadAsStringAsync();
            Assert.Contains("Tees and Swale Multi-Area Agreement", html, StringComparison.Ordinal);
            Assert.All(request.Targets!, t => Assert.Contains(t!.Indicator!, html, StringComparison.Ordinal));
        }
        await Eventually.WaitUntilAsync(async () => await NegotiationHost.PartnerStatusAsync(Admin, id, "hartlepool") is "reminded" or "escalated");
        Assert.Equal("consultation", await PhaseAsync(id));
        await EndorseAsync(anyone, reminder);
        await Eventually.WaitUntilAsync(async () => await PhaseAsync(id) == "governmentOffice");

        // Each office has its own link; the North East approves, then Yorkshire and the Humber sends the draft back.
        var northEast = await LinkAsync(MultiAreaRequests.NorthEastNegotiator, "GovernmentOfficeSubmission", DecisionLink());
        var yorkshire = await LinkAsync(MultiAreaRequests.YorkshireNegotiator, "GovernmentOfficeSubmission", DecisionLink());
        Assert.NotEqual(northEast, yorkshire);
        using (var page = await anyone.GetAsync(yorkshire))
        {
            // The page says which office decides on it, and what the agreement is.
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Government Office Yorkshire and the Humber", html, StringComparison.Ordinal);
            Assert.Contains("Tees and Swale Multi-Area Agreement", html, StringComparison.Ordinal);
        }
        using (var approved = await anyone.PostAsJsonAsync(northEast, new { approved = true }))
        {
            Assert.True(approved.StatusCode == HttpStatusCode.Accepted, await approved.Content.ReadAsStringAsync());
        }
        await Eventually.WaitUntilAsync(async () => await OfficeDecisionAsync(id, "North East") == "approved");
        Assert.Equal("governmentOffice", await PhaseAsync(id));
        using (var again = await anyone.PostAsJsonAsync(northEast, new { approved = false, comment = "Second thoughts." }))
        {
            Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        }
        using (var returned = await anyone.PostAsJsonAsync(yorkshire, new { approved = false, comment = "Raise the ambition on NI 151." }))
        {
            Assert.True(returned.StatusCode == HttpStatusCode.Accepted, await returned.Content.ReadAsStringAsync());
        }
        await Eventually.WaitUntilAsync(async () => await PhaseAsync(id) == "revision");
        Assert.Equal("rejected", await OfficeDecisionAsync(id, "Yorkshire and the Humber"));

        // The lead authority's LSP lead revises NI 151: only its lead partner is asked again.
        var jcpFirst = await LinkAsync("jcp@partners.example", "PartnerInvitation", AnswerLink());
        var targets = request.Targets!.Select(t => t!.Indicator == "NI 151" ? MultiAreaRequests.Target("NI 151", "jcp", step: 2m) : t).ToList();
        using (var revised = await Admin.PostAsJsonAsync(new Uri($"/api/negotiations/{id}/revisions", UriKind.Relative), new RevisionRequest { Targets = targets }, NegotiationHost.Json))
        {
            Assert.True(revised.StatusCode == HttpStatusCode.Accepted, await revised.Content.ReadAsStringAsync());
        }
        await EndorseAsync(anyone, await LinkAsync("jcp@partners.example", "PartnerInvitation", AnswerLink(), except: jcpFirst));
        await Eventually.WaitUntilAsync(async () => await PhaseAsync(id) == "governmentOffice");

        // Resubmitted to both: an admin decision must say which office it is; then both approve.
        using (var unnamed = await Admin.PostAsJsonAsync(new Uri($"/api/negotiations/{id}/government-office/decision", UriKind.Relative), new { approved = true }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
            Assert.NotNull(JsonNode.Parse(await unnamed.Content.ReadAsStringAsync())!["errors"]!["office"]);
        }
        using (var byAdmin = await Admin.PostAsJsonAsync(new Uri($"/api/negotiations/{id}/government-office/decision", UriKind.Relative), new { approved = true, office = "North East" }))
        {
            Assert.True(byAdmin.StatusCode == HttpStatusCode.Accepted, await byAdmin.Content.ReadAsStringAsync());
        }
        var yorkshireAgain = await LinkAsync(MultiAreaRequests.YorkshireNegotiator, "GovernmentOfficeSubmission", DecisionLink(), except: yorkshire);
        using (var approvedAgain = await anyone.PostAsJsonAsync(yorkshireAgain, new { approved = true, comment = "Now agreed." }))
        {
            Assert.True(approvedAgain.StatusCode == HttpStatusCode.Accepted, await approvedAgain.Content.ReadAsStringAsync());
        }
        await Eventually.WaitUntilAsync(async () => await PhaseAsync(id) == "finalised", TimeSpan.FromSeconds(90));

        var view = await NegotiationHost.GetAsync(Admin, id);
        Assert.All(view["authorities"]!.AsArray(), a => Assert.Equal("endorsed", a!["endorsement"]!.GetValue<string>()));
        Assert.True(view["authorities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "darlington")!["lead"]!.GetValue<bool>());
        Assert.All(view["governmentOffices"]!.AsArray(), o => Assert.Equal("approved", o!["decision"]!.GetValue<string>()));
        var kinds = view["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
        Assert.Equal(1, kinds.Count(k => k == "rejected"));
        Assert.Equal(3, kinds.Count(k => k == "approved"));

        var url = view["documentUrl"]!.GetValue<string>();
        var document = await Admin.GetStringAsync(new Uri(Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : url, UriKind.Relative));
        Assert.Contains("Tees and Swale Multi-Area Agreement 2008-2011", document, StringComparison.Ordinal);
        foreach (var expected in new[] { "Darlington Borough Council", "Hartlepool Borough Council", "North Yorkshire County Council", "economy, transport, other: Tourism", "Government Office Yorkshire and the Humber", "Government Office North East" })
        {
            Assert.Contains(expected, document, StringComparison.Ordinal);
        }

        // The list shows it beside LAAs, with its areas.
        var row = JsonNode.Parse(await Admin.GetStringAsync(new Uri("/api/negotiations", UriKind.Relative)))!["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == id)!;
        Assert.Equal("multi-area", row["kind"]!.GetValue<string>());
        Assert.Equal(3, row["authorities"]!.AsArray().Count);

        // The yearly refresh is an LAA's: refused for the signed-off MAA, with nothing started.
        using var refresh = await Admin.PostAsJsonAsync(new Uri($"/api/negotiations/{id}/refreshes", UriKind.Relative), new { year = "2009", targets = request.Targets });
        Assert.Equal(HttpStatusCode.Conflict, refresh.StatusCode);
        Assert.Contains("multi-area agreement", await refresh.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync(new Uri($"/api/negotiations/{id}-refresh-2009", UriKind.Relative))).StatusCode);
    }

    private async Task EndorseAsync(HttpClient client, Uri link)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "endorse", ["comment"] = "Endorsed." });
        using var response = await client.PostAsync(link, form);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> PhaseAsync(string id) => (await NegotiationHost.GetAsync(Admin, id))["phase"]!.GetValue<string>();

    private async Task<string?> OfficeDecisionAsync(string id, string office) =>
        (await NegotiationHost.GetAsync(Admin, id))["governmentOffices"]!.AsArray().Single(o => o!["office"]!.GetValue<string>() == office)!["decision"]!.GetValue<string>();

    /// <summary>The link in the newest email of <paramref name="category"/> to <paramref name="to"/>, other than <paramref name="except"/>, waiting until it is sent.</summary>
    private async Task<Uri> LinkAsync(string to, string category, Regex pattern, Uri? except = null)
    {
        Uri? found = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            var messages = JsonNode.Parse(await Admin.GetStringAsync(new Uri($"/api/dev/outbox?to={Uri.EscapeDataString(to)}", UriKind.Relative)))!.AsArray();
            found = messages
                .Where(m => m!["category"]!.GetValue<string>() == category)
                .Select(m => pattern.Match(m!["text"]!.GetValue<string>()))
                .Where(match => match.Success)
                .Select(match => new Uri(new Uri(match.Value).PathAndQuery, UriKind.Relative))
                .FirstOrDefault(link => link != except);
            return found is not null;
        }, TimeSpan.FromSeconds(60));
        return found!;
    }

    [GeneratedRegex(@"https?://[^\s<>""']+/api/respond/[^\s<>""']+")]
    private static partial Regex AnswerLink();

    [GeneratedRegex(@"https?://[^\s<>""']+/government-office/decision\?token=[^\s<>""']+")]
    private static partial Regex DecisionLink();
}
