using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Testing;
using Microsoft.Playwright;

namespace LaaWorkflow.Functions.Tests.Browser;

/// <summary>
/// The pages behind the links in our emails, in a real browser at desktop and phone width: a partner's answer page
/// (decision first, each target's direction, whom to ask, a comment per target, a form that keeps what was typed, a
/// confirmation that says what happens next) and the Government Office's decision page and draft.
/// </summary>
[Collection("azurite-scenarios")]
public sealed partial class ApprovalPagesBrowserTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AnswerPage_PartnerAnswersAtEachWidth_DecisionFirstAndEveryTargetCommentRecorded()
    {
        await using var session = await BrowserSession.StartAsync(azurite);
        var request = DemoNegotiations.For("Stockton");
        var id = await NegotiationHost.StartConsultingAsync(session.Admin, request);
        var targets = (await NegotiationHost.GetAsync(session.Admin, id))["targets"]!.AsArray();
        bool Leads(JsonNode? target, string partnerId) => target!["leadPartners"]!.AsArray().Any(l => l!.GetValue<string>() == partnerId);
        var leading = request.Partners!.Where(p => targets.Any(t => Leads(t, p!.Id!))).ToList();

        // An answer link records one answer, so each width answers for its own partner (one that leads targets).
        for (var i = 0; i < BrowserSession.Widths.Length; i++)
        {
            var partner = leading[i]!;
            var link = await NegotiationHost.InvitationLinkAsync(session.Admin, partner.Contact!.Email!);
            var page = await session.NewPageAsync(BrowserSession.Widths[i]);
            var p = page.Page;
            await p.GotoAsync(link.ToString());
            await page.AssertPageRulesAsync("answer-page");

            // The decision comes before the targets, as on an approval card.
            Assert.True(await p.EvaluateAsync<bool>(
                "() => !!(document.querySelector('#decision-endorse').compareDocumentPosition(document.querySelector('li.target')) & Node.DOCUMENT_POSITION_FOLLOWING)"),
                "The decision must come before the targets.");

            // Each target says which way is better, as the negotiation defines it.
            var mine = targets.Where(t => Leads(t, partner.Id!)).ToList();
            Assert.NotEmpty(mine);
            Assert.Equal(mine.Count, await p.Locator("li.target").CountAsync());
            foreach (var target in mine)
            {
                var indicator = target!["indicator"]!.GetValue<string>();
                var card = p.Locator("li.target").Filter(new() { Has = p.Locator("h3", new() { HasTextRegex = new Regex($"^{Regex.Escape(indicator)}(\\s|$)") }) });
                var higher = target["higherIsBetter"]?.GetValue<bool>();
                if (higher is { } h)
                {
                    await Assertions.Expect(card).ToContainTextAsync(h ? "Higher is better" : "Lower is better");
                }
            }

            // Whom to ask: the LSP lead, by name and with a link to write to them.
            await Assertions.Expect(p.GetByRole(AriaRole.Main)).ToContainTextAsync(request.LspLead!.Name!);
            await Assertions.Expect(p.Locator($"a[href='mailto:{request.LspLead.Email}']")).ToBeVisibleAsync();

            // No choice made: the form comes back with the problem named and the typed text kept.
            var first = mine[0]!["indicator"]!.GetValue<string>();
            var targetBox = p.GetByLabel($"Comment on {first} (optional)");
            await p.GetByLabel("Reason or comment").FillAsync("Our board meets on 1 April.");
            await targetBox.FillAsync("The baseline is last year's.");
            await p.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();
            await Assertions.Expect(p.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please choose an answer");
            await Assertions.Expect(p.GetByLabel("Reason or comment")).ToHaveValueAsync("Our board meets on 1 April.");
            await Assertions.Expect(p.GetByLabel($"Comment on {first} (optional)")).ToHaveValueAsync("The baseline is last year's.");
            page.ClearErrors(); // the browser logs the 400 response itself
            await page.AssertPageRulesAsync("answer-error");

            // An objection without any reason: the choice is kept.
            await p.GetByLabel("Object to these targets").CheckAsync();
            await p.GetByLabel("Reason or comment").FillAsync("");
            await p.GetByLabel($"Comment on {first} (optional)").FillAsync("");
            await p.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();
            await Assertions.Expect(p.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please give a reason");
            await Assertions.Expect(p.GetByLabel("Object to these targets")).ToBeCheckedAsync();
            page.ClearErrors(); // the browser logs the 400 response itself
            Assert.DoesNotContain(await NegotiationHost.PartnerStatusAsync(session.Admin, id, partner.Id!), new[] { "endorsed", "objected", "changesRequested" });

            // The objection with a reason and a comment on one target, sent from the button under the targets.
            await p.GetByLabel("Reason or comment").FillAsync("The police authority has not seen these targets.");
            await p.GetByLabel($"Comment on {first} (optional)").FillAsync("The baseline is last year's.");
            await p.GetByRole(AriaRole.Button, new() { Name = "Send the answer with these comments" }).ClickAsync();
            await Assertions.Expect(p.Locator("h1")).ToContainTextAsync("answer is recorded");
            await Assertions.Expect(p.GetByRole(AriaRole.Heading, new() { Name = "What happens next" })).ToBeVisibleAsync();
            await Assertions.Expect(p.GetByRole(AriaRole.Main)).ToContainTextAsync("asked again");
            await page.AssertPageRulesAsync("answer-confirmation");

            // The target's comment is recorded with the answer, as a line naming the target.
            string? comment = null;
            await Eventually.WaitUntilAsync(async () =>
            {
                var view = await NegotiationHost.GetAsync(session.Admin, id);
                comment = view["partners"]!.AsArray().Single(x => x!["id"]!.GetValue<string>() == partner.Id)!["comment"]?.GetValue<string>();
                return comment is not null;
            });
            Assert.Contains("The police authority has not seen these targets.", comment!, StringComparison.Ordinal);
            Assert.Contains($"{first}: The baseline is last year's.", comment!, StringComparison.Ordinal);
            Assert.Equal("objected", await NegotiationHost.PartnerStatusAsync(session.Admin, id, partner.Id!));

            // A tampered link: the error page follows the same rules.
            var text = link.ToString();
            var at = text.Length - 5;
            var refused = await p.GotoAsync(text[..at] + (char.ToLowerInvariant(text[at]) == 'a' ? 'b' : 'a') + text[(at + 1)..]);
            Assert.Equal((int)HttpStatusCode.BadRequest, refused!.Status);
            page.ClearErrors(); // the browser logs the 400 itself; the page's own rules are what is checked
            await page.AssertPageRulesAsync("answer-refused");
        }
    }

    [Fact]
    public async Task GovernmentOfficePage_AtEachWidth_SummaryAndDecisionFirstWithCommentsHistoryAndDraft()
    {
        await using var session = await BrowserSession.StartAsync(azurite);
        var request = DemoNegotiations.For("Stockton");
        var id = await NegotiationHost.StartConsultingAsync(session.Admin, request);
        foreach (var partner in request.Partners!)
        {
            using var answer = await session.Admin.PostAsJsonAsync(
                new Uri($"/api/negotiations/{id}/partners/{partner!.Id}/answer", UriKind.Relative),
                new { decision = "endorse", reason = $"Endorsed at the {partner.Name} board.", admin = "test admin" });
            Assert.True(answer.StatusCode == HttpStatusCode.Accepted, await answer.Content.ReadAsStringAsync());
        }

        await Eventually.WaitUntilAsync(async () => (await NegotiationHost.GetAsync(session.Admin, id))["phase"]!.GetValue<string>() == "governmentOffice", TimeSpan.FromSeconds(60));
        var link = await DecisionLinkAsync(session, request);

        foreach (var width in BrowserSession.Widths)
        {
            var page = await session.NewPageAsync(width);
            var p = page.Page;
            await p.GotoAsync(link.ToString());
            await page.AssertPageRulesAsync("go-decision-page");

            // The summary and the decision come first; the partners' comments and the history follow.
            await Assertions.Expect(p.Locator("h1")).ToContainTextAsync("Stockton Local Area Agreement");
            await Assertions.Expect(p.Locator(".facts")).ToContainTextAsync("endorsed");
            var partnersHeading = p.GetByRole(AriaRole.Heading, new() { Name = "Partners' answers" });
            Assert.True(await p.EvaluateAsync<bool>(
                "() => !!(document.querySelector('#decision-approve').compareDocumentPosition([...document.querySelectorAll('h2')].find(h => h.textContent.startsWith('Partners'))) & Node.DOCUMENT_POSITION_FOLLOWING)"),
                "The decision must come before the partners' answers.");
            await Assertions.Expect(p.GetByRole(AriaRole.Main)).ToContainTextAsync($"Endorsed at the {request.Partners[0]!.Name} board.");
            await Assertions.Expect(p.GetByRole(AriaRole.Heading, new() { Name = "History of the negotiation" })).ToBeVisibleAsync();
            Assert.True(await p.Locator(".history li").CountAsync() >= request.Partners.Count);
            await Assertions.Expect(partnersHeading).ToBeVisibleAsync();

            // The draft document opens from the page with the same link, and reads as a page of its own.
            await p.GetByRole(AriaRole.Link, new() { Name = "Read the draft agreement", Exact = false }).ClickAsync();
            await Assertions.Expect(p.Locator("h1")).ToContainTextAsync("Stockton Local Area Agreement");
            await Assertions.Expect(p.GetByRole(AriaRole.Table).First).ToBeVisibleAsync();
            await page.AssertPageRulesAsync("go-draft");
            await p.GetByRole(AriaRole.Link, new() { Name = "Back to the decision" }).ClickAsync();

            // Returning the draft needs a comment: the choice is kept.
            await p.GetByLabel("Return the draft for revision", new() { Exact = false }).CheckAsync();
            await p.GetByRole(AriaRole.Button, new() { Name = "Send the decision" }).ClickAsync();
            await Assertions.Expect(p.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say what must change");
            await Assertions.Expect(p.GetByLabel("Return the draft for revision", new() { Exact = false })).ToBeCheckedAsync();
            page.ClearErrors(); // the browser logs the 400 response itself
            await page.AssertPageRulesAsync("go-decision-error");
        }

        // The decision, once: its confirmation says what happens next.
        var last = await session.NewPageAsync(BrowserSession.Widths[^1]);
        await last.Page.GotoAsync(link.ToString());
        await last.Page.GetByLabel("Return the draft for revision", new() { Exact = false }).CheckAsync();
        await last.Page.GetByLabel("Comment", new() { Exact = true }).FillAsync("Raise the ambition on the first target.");
        await last.Page.GetByRole(AriaRole.Button, new() { Name = "Send the decision" }).ClickAsync();
        await Assertions.Expect(last.Page.Locator("h1")).ToContainTextAsync("decision is recorded");
        await Assertions.Expect(last.Page.GetByRole(AriaRole.Heading, new() { Name = "What happens next" })).ToBeVisibleAsync();
        await last.AssertPageRulesAsync("go-decision-recorded");
    }

    /// <summary>The decision link in the Government Office's submission email, waiting until it is sent.</summary>
    private static async Task<Uri> DecisionLinkAsync(BrowserSession session, NegotiationRequest request)
    {
        var to = request.GovernmentOfficeNegotiator!.Email!;
        Uri? found = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            var messages = JsonNode.Parse(await session.Admin.GetStringAsync(new Uri($"/api/dev/outbox?to={Uri.EscapeDataString(to)}", UriKind.Relative)))!.AsArray();
            found = messages
                .Where(m => m!["category"]!.GetValue<string>() == "GovernmentOfficeSubmission")
                .Select(m => DecisionLink().Match(m!["text"]!.GetValue<string>()))
                .Where(match => match.Success)
                .Select(match => new Uri(match.Value))
                .FirstOrDefault();
            return found is not null;
        }, TimeSpan.FromSeconds(60));
        return found!;
    }

    [GeneratedRegex(@"https?://[^\s<>""']+/government-office/decision\?token=[^\s<>""']+")]
    private static partial Regex DecisionLink();
}
