using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Functions.Tests.Api;

[Collection("azurite")]
public sealed class NegotiationsApiTests(AzuriteFixture azurite) : HostedApiTests(azurite)
{
    [Fact]
    public async Task Start_ValidRequest_Is202WithManagementPayload_AndTheNegotiationReads()
    {
        var payload = await NegotiationHost.StartAsync(Admin, TestPace.Draft(DemoNegotiations.For("Sunderland")));
        var id = payload["id"]!.GetValue<string>();

        var view = await NegotiationHost.GetAsync(Admin, id);

        Assert.Contains("/runtime/webhooks/durabletask/instances/", payload["statusQueryGetUri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(payload["sendEventPostUri"]);
        Assert.NotNull(payload["purgeHistoryDeleteUri"]);
        Assert.Equal("Sunderland", view["area"]!.GetValue<string>());
        Assert.NotEmpty(view["partners"]!.AsArray());
        Assert.NotEmpty(view["targets"]!.AsArray());
        Assert.NotNull(view["phase"]);
    }

    [Fact]
    public async Task Document_SignedOffAgreement_IsServedWithoutAKey_AndAMissingOneIs404()
    {
        // A signed-off agreement is published: the link in the final notice must open for anyone.
        var options = Host.Services.GetRequiredService<NegotiationStorageOptions>();
        var container = Host.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(options.DocumentContainer);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("doc-test.html").UploadAsync(BinaryData.FromString("<!DOCTYPE html><title>Agreement</title>"));
        using var anonymous = Host.CreateClient();

        using var found = await anonymous.GetAsync(new Uri("/" + AgreementDocuments.RouteFor("doc-test"), UriKind.Relative));
        using var missing = await anonymous.GetAsync(new Uri("/" + AgreementDocuments.RouteFor("no-such-agreement"), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("text/html", found.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<title>Agreement</title>", await found.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Document_OfANegotiationNotSignedOff_Is404SayingWhy()
    {
        var id = (await NegotiationHost.StartAsync(Admin, TestPace.Draft(DemoNegotiations.For("Cornwall"))))["id"]!.GetValue<string>();
        using var anonymous = Host.CreateClient();
        var document = new Uri("/" + AgreementDocuments.RouteFor(id), UriKind.Relative);

        var running = await ProblemDetailAsync(anonymous, document);
        using var withdraw = await Admin.PostAsJsonAsync(new Uri($"/api/negotiations/{id}/withdraw", UriKind.Relative), new { reason = "Boundary review of the county", by = "admin" });
        Assert.Equal(HttpStatusCode.Accepted, withdraw.StatusCode);
        await Eventually.WaitUntilAsync(async () => (await NegotiationHost.GetAsync(Admin, id))["phase"]?.GetValue<string>() == "withdrawn");
        var ended = await ProblemDetailAsync(anonymous, document);

        Assert.StartsWith("The Cornwall agreement is not signed off yet: the negotiation is in its ", running, StringComparison.Ordinal);
        Assert.StartsWith("The Cornwall agreement was not signed off: the negotiation ended withdrawn on ", ended, StringComparison.Ordinal);
        Assert.Contains("Boundary review of the county", ended, StringComparison.Ordinal);
    }

    private static async Task<string> ProblemDetailAsync(HttpClient client, Uri uri)
    {
        using var response = await client.GetAsync(uri);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
    }

    [Fact]
    public async Task Start_SameIdempotencyKey_ReturnsTheSameInstance()
    {
        var request = TestPace.Draft(DemoNegotiations.For("Leeds"));
        var first = await NegotiationHost.StartAsync(Admin, request, "same-key");
        var second = await NegotiationHost.StartAsync(Admin, request, "same-key");

        Assert.Equal(first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_InvalidRequest_Is400NamingEachField_AndStartsNothing()
    {
        var valid = DemoNegotiations.For("Coventry");
        var invalid = new NegotiationRequest
        {
            Area = valid.Area,
            ResponsibleAuthority = valid.ResponsibleAuthority,
            GovernmentOffice = valid.GovernmentOffice,
            Period = valid.Period,
            LspLead = valid.LspLead,
            GovernmentOfficeNegotiator = valid.GovernmentOfficeNegotiator,
            Partners = [.. valid.Partners!.Take(1).Select(p => new PartnerRequest { Id = p!.Id, Name = p.Name, Body = p.Body, Contact = new ContactRequest { Name = "No email" } })],
            Targets = [new TargetRequest { Indicator = "NI 999", Kind = "designated", LeadPartners = ["nobody"], Baseline = 1, Trajectory = new Dictionary<string, decimal> { ["2008/09"] = 1 } }],
            Timetable = new TimetableRequest
            {
                ConsultationOpens = valid.Timetable!.ConsultationOpens,
                ResponseDeadline = valid.Timetable.SignOffDeadline!.Value.AddDays(1),
                SignOffDeadline = valid.Timetable.SignOffDeadline,
            },
        };

        using var response = await Admin.PostAsJsonAsync(new Uri("/api/negotiations", UriKind.Relative), invalid, NegotiationHost.Json);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var list = JsonNode.Parse(await Admin.GetStringAsync(new Uri("/api/negotiations", UriKind.Relative)))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var fields = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains(fields, f => f.Contains("contact", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(fields, f => f.Contains("indicator", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(fields, f => f.Contains("leadPartners", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(fields, f => f.Contains("responseDeadline", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(list["items"]!.AsArray());
    }

    [Fact]
    public async Task Start_TrajectoryThatGetsWorse_Is400UnlessJustified_AndTheJustificationIsKept()
    {
        var valid = TestPace.Draft(DemoNegotiations.For("Coventry"));
        var first = valid.Targets![0]!;
        // The demonstration's own target turned round: each year further from the baseline, the wrong way.
        var worse = first with { Trajectory = first.Trajectory!.ToDictionary(y => y.Key, y => (2 * first.Baseline!.Value) - y.Value) };
        var why = "Unemployment will rise with the downturn before the programme brings it down.";

        using var refused = await Admin.PostAsJsonAsync(new Uri("/api/negotiations", UriKind.Relative), valid with { Targets = [worse, .. valid.Targets.Skip(1)] }, NegotiationHost.Json);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        var list = JsonNode.Parse(await Admin.GetStringAsync(new Uri("/api/negotiations", UriKind.Relative)))!;
        var started = await NegotiationHost.StartAsync(Admin, valid with { Targets = [worse with { Justification = why }, .. valid.Targets.Skip(1)] });
        var view = await NegotiationHost.GetAsync(Admin, started["id"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var error = Assert.Single(problem["errors"]!.AsObject());
        Assert.Equal("targets[0].trajectory", error.Key);
        Assert.Contains($"{first.Indicator} gets worse", error.Value![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(list["items"]!.AsArray());
        Assert.Equal(why, view["targets"]![0]!["justification"]!.GetValue<string>());
        Assert.NotNull(view["targets"]![0]!["higherIsBetter"]);
    }

    [Fact]
    public async Task Start_BodyNotJson_Is400ProblemDetails()
    {
        using var content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");

        using var response = await Admin.PostAsync(new Uri("/api/negotiations", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task List_ReturnsNewestFirst_FiltersByArea_AndRejectsUnknownPhase()
    {
        // One calendar for both: Essex, started later, is stamped later.
        var pace = TestPace.At(TestPace.BeforeTheRound);
        await NegotiationHost.StartAsync(Admin, pace.On(DemoNegotiations.For("Stockton")));
        await NegotiationHost.StartAsync(Admin, pace.On(DemoNegotiations.For("Essex")));

        var all = JsonNode.Parse(await Admin.GetStringAsync(new Uri("/api/negotiations", UriKind.Relative)))!["items"]!.AsArray();
        var essex = JsonNode.Parse(await Admin.GetStringAsync(new Uri("/api/negotiations?area=Essex", UriKind.Relative)))!["items"]!.AsArray();
        using var badPhase = await Admin.GetAsync(new Uri("/api/negotiations?phase=asleep", UriKind.Relative));
        var problem = JsonNode.Parse(await badPhase.Content.ReadAsStringAsync())!;

        Assert.Equal(["Essex", "Stockton"], all.Select(i => i!["area"]!.GetValue<string>()));
        Assert.Equal("Essex", Assert.Single(essex)!["area"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badPhase.StatusCode);
        Assert.NotNull(problem["errors"]!["phase"]);
    }

    [Fact]
    public async Task List_EachItem_CarriesTheEngineRuntimeStatus_AndWhatTellsTwoOfOneAreaApart()
    {
        // A second start for the same area and period is accepted; the list must tell the two apart and say how each runs.
        var pace = TestPace.At(TestPace.BeforeTheRound);
        var kept = (await NegotiationHost.StartAsync(Admin, pace.On(DemoNegotiations.For("Stockton"))))["id"]!.GetValue<string>();
        var withdrawn = (await NegotiationHost.StartAsync(Admin, pace.On(DemoNegotiations.For("Stockton"))))["id"]!.GetValue<string>();
        using var withdrawal = await Admin.PostAsJsonAsync(new Uri($"/api/negotiations/{withdrawn}/withdraw", UriKind.Relative), new { reason = "Started twice.", by = "admin" });
        Assert.Equal(HttpStatusCode.Accepted, withdrawal.StatusCode);

        JsonArray items = [];
        await Eventually.WaitUntilAsync(async () =>
        {
            items = JsonNode.Parse(await Admin.GetStringAsync(new Uri("/api/negotiations?area=Stockton", UriKind.Relative)))!["items"]!.AsArray();
            return items.Count == 2
                && items.Single(i => i!["id"]!.GetValue<string>() == withdrawn)!["runtimeStatus"]?.GetValue<string>() == "Completed"
                && items.Single(i => i!["id"]!.GetValue<string>() == kept)!["runtimeStatus"]?.GetValue<string>() == "Running";
        });

        var request = DemoNegotiations.For("Stockton");
        Assert.All(items, item =>
        {
            Assert.Equal(request.Period, item!["period"]!.GetValue<string>());
            Assert.Equal(request.Timetable!.SignOffDeadline!.Value.UtcDateTime, item["signOffDeadline"]!.GetValue<DateTime>());
            // A rehearsal's deadlines count against its own calendar, which the row carries.
            Assert.True(Math.Abs((item["now"]!.GetValue<DateTime>() - pace.Now.UtcDateTime).TotalDays) < 1);
        });
        Assert.Equal("withdrawn", items.Single(i => i!["id"]!.GetValue<string>() == withdrawn)!["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_TopAndContinuationToken_PageThroughEveryNegotiationOnceNewestFirst()
    {
        var started = new List<string>();
        foreach (var (area, hour) in new[] { ("Stockton", 1), ("Essex", 2), ("Leeds", 3) })
        {
            // Negotiations are stamped with their calendar's time: calendars an hour apart make the order plain.
            var request = TestPace.At(TestPace.BeforeTheRound.AddHours(hour)).On(DemoNegotiations.For(area));
            started.Add((await NegotiationHost.StartAsync(Admin, request))["id"]!.GetValue<string>());
        }

        var first = JsonNode.Parse(await Admin.GetStringAsync(new Uri("/api/negotiations?top=2", UriKind.Relative)))!;
        var token = first["continuationToken"]!.GetValue<string>();
        var second = JsonNode.Parse(await Admin.GetStringAsync(new Uri($"/api/negotiations?top=2&continuationToken={Uri.EscapeDataString(token)}", UriKind.Relative)))!;

        var ids = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(i => i!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(2, first["items"]!.AsArray().Count);
        Assert.Equal(Enumerable.Reverse(started), ids);
        Assert.Null(second["continuationToken"]);
    }

    [Theory]
    [InlineData("GET", "/api/negotiations/no-such-id")]
    [InlineData("POST", "/api/negotiations/no-such-id/revisions")]
    [InlineData("POST", "/api/negotiations/no-such-id/government-office/decision")]
    [InlineData("POST", "/api/negotiations/no-such-id/withdraw")]
    public async Task Negotiation_Unknown_Is404(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = JsonContent.Create(path.EndsWith("decision", StringComparison.Ordinal) ? new { approved = true } : path.EndsWith("withdraw", StringComparison.Ordinal) ? new { reason = "test", by = "admin" } : (object)new { targets = DemoNegotiations.For("Leeds").Targets });
        }

        using var response = await Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/negotiations")]
    [InlineData("GET", "/api/negotiations/any")]
    [InlineData("POST", "/api/negotiations")]
    [InlineData("POST", "/api/negotiations/any/revisions")]
    [InlineData("POST", "/api/negotiations/any/government-office/decision")]
    [InlineData("POST", "/api/negotiations/any/partners/p/remind")]
    [InlineData("POST", "/api/negotiations/any/sign-off-deadline")]
    public async Task Negotiations_WithoutKey_Is401(string method, string path)
    {
        using var anonymous = Host.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));

        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Decision_WhileConsulting_IsRefusedWithAProblem()
    {
        var id = (await NegotiationHost.StartAsync(Admin, TestPace.Consulting(DemoNegotiations.For("Leicester"))))["id"]!.GetValue<string>();

        using var response = await Admin.PostAsJsonAsync(new Uri($"/api/negotiations/{id}/government-office/decision", UriKind.Relative), new { approved = true });

        Assert.True(response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SignOffDeadline_MovedLaterWithAReason_IsTakenAndShown_EarlierOrUnexplainedIs400()
    {
        var id = (await NegotiationHost.StartAsync(Admin, TestPace.Draft(DemoNegotiations.For("Manchester"))))["id"]!.GetValue<string>();
        var route = new Uri($"/api/negotiations/{id}/sign-off-deadline", UriKind.Relative);

        using var earlier = await Admin.PostAsJsonAsync(route, new { signOffDeadline = "2008-06-01T17:00:00Z", reason = "Sooner.", agreedBy = "GO", by = "admin" });
        using var unexplained = await Admin.PostAsJsonAsync(route, new { signOffDeadline = "2008-07-31T17:00:00Z", agreedBy = "GO", by = "admin" });
        using var moved = await Admin.PostAsJsonAsync(route, new { signOffDeadline = "2008-07-31T17:00:00Z", reason = "Boundary review.", agreedBy = "G. Officer", by = "admin" });
        await Eventually.WaitUntilAsync(async () =>
            (await NegotiationHost.GetAsync(Admin, id))["timetable"]?["signOffDeadline"]?.GetValue<DateTime>() == new DateTime(2008, 7, 31, 17, 0, 0, DateTimeKind.Utc));
        var view = await NegotiationHost.GetAsync(Admin, id);

        Assert.Equal(HttpStatusCode.BadRequest, earlier.StatusCode);
        Assert.Contains("after the current sign-off deadline", JsonNode.Parse(await earlier.Content.ReadAsStringAsync())!["errors"]!["signOffDeadline"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unexplained.StatusCode);
        Assert.NotNull(JsonNode.Parse(await unexplained.Content.ReadAsStringAsync())!["errors"]!["reason"]);
        Assert.Equal(HttpStatusCode.Accepted, moved.StatusCode);
        Assert.Contains(view["timeline"]!.AsArray(), t => t!["kind"]!.GetValue<string>() == "signoff-extended");
    }

    [Fact]
    public async Task Withdraw_WithoutReason_Is400NamingReason()
    {
        var id = (await NegotiationHost.StartAsync(Admin, TestPace.Draft(DemoNegotiations.For("Portsmouth"))))["id"]!.GetValue<string>();

        using var response = await Admin.PostAsJsonAsync(new Uri($"/api/negotiations/{id}/withdraw", UriKind.Relative), new { by = "admin" });
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(problem["errors"]!["reason"]);
    }

    [Fact]
    public async Task RecordOnBehalf_WithoutReason_Is400NamingReasonAndAdmin()
    {
        var request = DemoNegotiations.For("Cornwall");
        var id = await NegotiationHost.StartConsultingAsync(Admin, request);

        using var response = await Admin.PostAsJsonAsync(
            new Uri($"/api/negotiations/{id}/partners/{request.Partners![0]!.Id}/answer", UriKind.Relative), new { decision = "endorse" });
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(problem["errors"]!["reason"]);
        Assert.NotNull(problem["errors"]!["admin"]);
    }

    [Fact]
    public async Task PartnerLink_FromTheOutbox_GetShowsForm_PostEndorses_SecondPostChangesNothing()
    {
        var request = DemoNegotiations.For("Stockton");
        var partner = request.Partners![0]!;
        var id = await NegotiationHost.StartConsultingAsync(Admin, request);
        var link = await NegotiationHost.InvitationLinkAsync(Admin, partner.Contact!.Email!);
        using var partnerClient = Host.CreateClient();

        using var page = await partnerClient.GetAsync(link);
        var pageHtml = await page.Content.ReadAsStringAsync();
        var statusAfterGet = await NegotiationHost.PartnerStatusAsync(Admin, id, partner.Id!);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "endorse", ["comment"] = "Agreed." });
        using var posted = await partnerClient.PostAsync(link, form);
        Assert.True(posted.StatusCode == HttpStatusCode.OK, await posted.Content.ReadAsStringAsync());
        await Eventually.WaitUntilAsync(async () => await NegotiationHost.PartnerStatusAsync(Admin, id, partner.Id!) == "endorsed");
        using var objection = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "object", ["comment"] = "Changed my mind." });
        using var second = await partnerClient.PostAsync(link, objection);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form", pageHtml, StringComparison.Ordinal);
        Assert.NotEqual("endorsed", statusAfterGet);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("already recorded", await second.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("endorsed", await NegotiationHost.PartnerStatusAsync(Admin, id, partner.Id!));
    }

    [Fact]
    public async Task Revision_WhileTheRoundIsOpen_AsksAgainOnlyThoseItConcerns_AndTheRoundCompletes()
    {
        var request = DemoNegotiations.For("Lambeth");
        var partners = request.Partners!.Select(p => p!).ToList();
        var asker = partners[0];
        var id = await NegotiationHost.StartConsultingAsync(Admin, request);
        using var partnerClient = Host.CreateClient();
        async Task AnswerAsync(PartnerRequest partner, string decision, string comment, int invitations = 1)
        {
            // The newest invitation's link: wait for a second round's to be sent before answering it.
            await Eventually.WaitUntilAsync(async () => JsonNode.Parse(await Admin.GetStringAsync(
                new Uri($"/api/dev/outbox?to={Uri.EscapeDataString(partner.Contact!.Email!)}", UriKind.Relative)))!.AsArray()
                .Count(m => m!["category"]!.GetValue<string>() == "PartnerInvitation") >= invitations);
            var link = await NegotiationHost.InvitationLinkAsync(Admin, partner.Contact!.Email!);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = decision, ["comment"] = comment });
            using var posted = await partnerClient.PostAsync(link, form);
            Assert.True(posted.StatusCode == HttpStatusCode.OK, await posted.Content.ReadAsStringAsync());
        }

        await AnswerAsync(asker, "request-changes", "Ease the last year of the first target.");
        await Eventually.WaitUntilAsync(async () => await NegotiationHost.PartnerStatusAsync(Admin, id, asker.Id!) == "changesRequested");

        // The other partners have not answered; the lead eases the last year of the first target at once.
        var first = request.Targets![0]!;
        var eased = first with { Trajectory = first.Trajectory!.ToDictionary(y => y.Key, y => y.Key == "2010/11" ? Math.Round(y.Value - ((y.Value - first.Baseline!.Value) / 10m), 2) : y.Value) };
        using var revised = await Admin.PostAsJsonAsync(
            new Uri($"/api/negotiations/{id}/revisions", UriKind.Relative), new RevisionRequest { Targets = [eased, .. request.Targets.Skip(1)] }, NegotiationHost.Json);
        Assert.True(revised.StatusCode == HttpStatusCode.Accepted, await revised.Content.ReadAsStringAsync());

        var concerned = first.LeadPartners!.Select(p => p!).Append(asker.Id!).ToHashSet(StringComparer.Ordinal);
        await Eventually.WaitUntilAsync(async () => (await NegotiationHost.GetAsync(Admin, id))["partners"]!.AsArray()
            .All(p => p!["round"]!.GetValue<int>() == (concerned.Contains(p["id"]!.GetValue<string>()) ? 2 : 1)));
        foreach (var partner in partners)
        {
            await AnswerAsync(partner, "endorse", "Agreed.", concerned.Contains(partner.Id!) ? 2 : 1);
        }

        await Eventually.WaitUntilAsync(async () => (await NegotiationHost.GetAsync(Admin, id))["phase"]!.GetValue<string>() == "governmentOffice");
        var invitations = JsonNode.Parse(await Admin.GetStringAsync(new Uri("/api/dev/outbox?top=1000", UriKind.Relative)))!.AsArray()
            .Count(m => m!["category"]!.GetValue<string>() == "PartnerInvitation" && m["negotiationId"]!.GetValue<string>() == id);
        Assert.Equal(partners.Count + concerned.Count, invitations);
        Assert.True(concerned.Count < partners.Count, "the revision should concern only some of the partners");
    }

    [Fact]
    public async Task PartnerLink_Tampered_Is400Page_AndRecordsNothing()
    {
        using var partnerClient = Host.CreateClient();

        using var response = await partnerClient.GetAsync(new Uri("/api/respond/not-a-real-token", UriKind.Relative));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Gone or HttpStatusCode.NotFound, response.StatusCode.ToString());
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
