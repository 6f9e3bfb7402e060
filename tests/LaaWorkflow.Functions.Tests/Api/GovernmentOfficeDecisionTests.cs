using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Testing;

namespace LaaWorkflow.Functions.Tests.Api;

/// <summary>
/// The Government Office decision over HTTP: the negotiator's signed link from the submission email (page, form, JSON),
/// the admin's JSON with a key, and the LSP lead's revision in between.
/// </summary>
[Collection("azurite-scenarios")]
public sealed partial class GovernmentOfficeDecisionTests(AzuriteFixture azurite) : HostedApiTests(azurite)
{
    [Fact]
    public async Task DecisionLink_ReturnThenRevisionThenAdminApproval_EachStepRecordedOnceAndOldLinksClosed()
    {
        var request = DemoNegotiations.For("Stockton");
        var id = await ReachGovernmentOfficeAsync(request);
        var first = await DecisionLinkAsync(request);
        using var negotiator = Host.CreateClient();

        // The page shows the draft and a form, and records nothing.
        using var page = await negotiator.GetAsync(first);
        var pageHtml = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\">", pageHtml, StringComparison.Ordinal);
        Assert.Contains("Stockton Local Area Agreement", pageHtml, StringComparison.Ordinal);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal("governmentOffice", await PhaseAsync(id));

        // A link altered by one character, or signed for another negotiation, opens nothing.
        using var tampered = await negotiator.GetAsync(Tamper(first));
        using var elsewhere = await negotiator.GetAsync(new Uri(first.OriginalString.Replace(id, "stockton-0000000000000000", StringComparison.Ordinal), UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);

        // Returning the draft needs a comment: the form comes back with the problem named.
        using var noComment = await negotiator.PostAsync(first, Form("return", ""));
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Contains("Say what must change", await noComment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("governmentOffice", await PhaseAsync(id));

        using var returned = await negotiator.PostAsync(first, Form("return", "Raise the ambition on NI 16."));
        Assert.True(returned.StatusCode == HttpStatusCode.OK, await returned.Content.ReadAsStringAsync());
        Assert.Contains("decision is recorded", await returned.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Eventually.WaitUntilAsync(async () => await PhaseAsync(id) == "revision");

        // The decided submission's link is closed now.
        using var closed = await negotiator.GetAsync(first);
        Assert.Equal(HttpStatusCode.Gone, closed.StatusCode);

        // The LSP lead resubmits the targets (202); nobody disputed them, so the draft goes straight back as submission 2.
        using var revised = await Admin.PostAsJsonAsync(new Uri($"/api/negotiations/{id}/revisions", UriKind.Relative), new RevisionRequest { Targets = request.Targets }, NegotiationHost.Json);
        Assert.True(revised.StatusCode == HttpStatusCode.Accepted, await revised.Content.ReadAsStringAsync());
        var second = await DecisionLinkAsync(request, except: first);
        Assert.NotEqual(first, second);

        // The first submission's link cannot decide the second.
        using var stale = await negotiator.PostAsJsonAsync(first, new { approved = true });
        Assert.Equal(HttpStatusCode.Gone, stale.StatusCode);
        Assert.Contains("submission 2", (await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // Neither a key nor a link: 401. With the admin key, JSON decides.
        using var anonymous = await negotiator.PostAsJsonAsync(new Uri($"/api/negotiations/{id}/government-office/decision", UriKind.Relative), new { approved = true });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var approved = await Admin.PostAsJsonAsync(new Uri($"/api/negotiations/{id}/government-office/decision", UriKind.Relative), new { approved = true, comment = "Approved." });
        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);
        await Eventually.WaitUntilAsync(async () => await PhaseAsync(id) == "finalised", TimeSpan.FromSeconds(60));

        var view = await NegotiationHost.GetAsync(Admin, id);
        var kinds = view["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
        Assert.Equal(1, kinds.Count(k => k == "rejected"));
        Assert.Equal(1, kinds.Count(k => k == "approved"));
        using var afterEnd = await negotiator.GetAsync(second);
        Assert.Equal(HttpStatusCode.Gone, afterEnd.StatusCode);
    }

    [Fact]
    public async Task DecisionLink_JsonWithTheToken_ApprovesWithoutAKey_AndBadJsonIsNamed()
    {
        var request = DemoNegotiations.For("Stockton");
        var id = await ReachGovernmentOfficeAsync(request);
        var link = await DecisionLinkAsync(request);
        using var negotiator = Host.CreateClient();

        // The outbox shows the submission with every documented field, the link in both parts.
        var outbox = JsonNode.Parse(await Admin.GetStringAsync(new Uri($"/api/dev/outbox?to={Uri.EscapeDataString(request.GovernmentOfficeNegotiator!.Email!)}", UriKind.Relative)))!.AsArray();
        var submission = outbox.First(m => m!["category"]!.GetValue<string>() == "GovernmentOfficeSubmission")!;
        foreach (var field in new[] { "id", "to", "subject", "text", "html", "sentAt", "category" })
        {
            Assert.False(string.IsNullOrWhiteSpace(submission[field]?.ToString()), $"The outbox message has no '{field}': {submission}");
        }
        Assert.Contains(request.GovernmentOfficeNegotiator.Email!, submission["to"]!.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/government-office/decision?token=", submission["html"]!.GetValue<string>(), StringComparison.Ordinal);

        using var unknownField = await negotiator.PostAsync(link, new StringContent("{\"approved\":true,\"aproved\":true}", System.Text.Encoding.UTF8, "application/json"));
        var problem = JsonNode.Parse(await unknownField.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.NotNull(problem["errors"]!["aproved"]);
        Assert.Equal("governmentOffice", await PhaseAsync(id));

        using var approved = await negotiator.PostAsJsonAsync(link, new { approved = true });
        Assert.True(approved.StatusCode == HttpStatusCode.Accepted, await approved.Content.ReadAsStringAsync());
        await Eventually.WaitUntilAsync(async () => await PhaseAsync(id) == "finalised", TimeSpan.FromSeconds(60));
    }

    /// <summary>Starts the area and endorses for every partner (an admin recording on their behalf), until the draft goes to the Government Office.</summary>
    private async Task<string> ReachGovernmentOfficeAsync(NegotiationRequest request)
    {
        var id = await NegotiationHost.StartConsultingAsync(Admin, request);
        await Eventually.WaitUntilAsync(async () => await PhaseAsync(id) == "consultation");
        foreach (var partner in request.Partners!)
        {
            using var answer = await Admin.PostAsJsonAsync(
                new Uri($"/api/negotiations/{id}/partners/{partner!.Id}/answer", UriKind.Relative),
                new { decision = "endorse", reason = "Endorsed at the partnership board.", admin = "test admin" });
            Assert.True(answer.StatusCode == HttpStatusCode.Accepted, await answer.Content.ReadAsStringAsync());
        }

        await Eventually.WaitUntilAsync(async () => await PhaseAsync(id) == "governmentOffice", TimeSpan.FromSeconds(60));
        return id;
    }

    /// <summary>
    /// The decision link in a Government Office email, other than <paramref name="except"/>, waiting until it is sent.
    /// (Both submissions can go out at one virtual instant, so the outbox's order cannot tell them apart.)
    /// </summary>
    private async Task<Uri> DecisionLinkAsync(NegotiationRequest request, Uri? except = null)
    {
        var to = request.GovernmentOfficeNegotiator!.Email!;
        Uri? found = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            var messages = JsonNode.Parse(await Admin.GetStringAsync(new Uri($"/api/dev/outbox?to={Uri.EscapeDataString(to)}", UriKind.Relative)))!.AsArray();
            found = messages
                .Where(m => m!["category"]!.GetValue<string>() == "GovernmentOfficeSubmission")
                .Select(m => DecisionLink().Match(m!["text"]!.GetValue<string>()))
                .Where(match => match.Success)
                .Select(match => new Uri(new Uri(match.Value).PathAndQuery, UriKind.Relative))
                .FirstOrDefault(link => link != except);
            return found is not null;
        }, TimeSpan.FromSeconds(60));
        return found!;
    }

    private async Task<string> PhaseAsync(string id) => (await NegotiationHost.GetAsync(Admin, id))["phase"]!.GetValue<string>();

    private static FormUrlEncodedContent Form(string decision, string comment) =>
        new(new Dictionary<string, string> { ["decision"] = decision, ["comment"] = comment });

    private static Uri Tamper(Uri link)
    {
        var text = link.OriginalString;
        var at = text.Length - 5;
        // Tokens are base32 read in either case, so the new character must differ ignoring case.
        return new Uri(text[..at] + (char.ToLowerInvariant(text[at]) == 'a' ? 'b' : 'a') + text[(at + 1)..], UriKind.Relative);
    }

    [GeneratedRegex(@"https?://[^\s<>""']+/government-office/decision\?token=[^\s<>""']+")]
    private static partial Regex DecisionLink();
}
