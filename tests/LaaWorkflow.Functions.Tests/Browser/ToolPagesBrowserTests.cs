using System.Net;
using System.Text.Json.Nodes;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Testing;
using Microsoft.Playwright;

namespace LaaWorkflow.Functions.Tests.Browser;

/// <summary>
/// The operator's tools in a real browser: the orchestrations page (filters, totals, histogram, related instances,
/// the actions each status allows, bulk purge) and the mailbox (server-side filters, one message open, its HTML).
/// </summary>
[Collection("azurite-scenarios")]
public sealed class ToolPagesBrowserTests(AzuriteFixture azurite)
{
    private const string Management = "/runtime/webhooks/durabletask/instances";
    private const string PartnerMarker = ":partner:";

    [Fact]
    public async Task OrchestrationsPage_FiltersLinksActionsAndPurge_BehaveAsTheMonitorDoes()
    {
        await using var session = await BrowserSession.StartAsync(azurite);
        var stockton = await NegotiationHost.StartConsultingAsync(session.Admin, DemoNegotiations.For("Stockton"));
        var leeds = await NegotiationHost.StartConsultingAsync(session.Admin, DemoNegotiations.For("Leeds"));
        var leedsChildren = (await InstanceIdsAsync(session.Admin)).Where(id => id.StartsWith(leeds + PartnerMarker, StringComparison.Ordinal)).ToList();
        var stocktonChild = (await InstanceIdsAsync(session.Admin)).First(id => id.StartsWith(stockton + PartnerMarker, StringComparison.Ordinal));
        var checkedPage = await session.NewPageAsync(1400);
        var page = checkedPage.Page;
        var terminateRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.Contains("/terminate", StringComparison.Ordinal))
            {
                lock (terminateRequests)
                {
                    terminateRequests.Add(Uri.UnescapeDataString(new Uri(request.Url).AbsolutePath));
                }
            }
        };

        // Finished instances: the Leeds agreement terminated from the page, which terminates its consultations too
        // (the Durable Functions extension's terminate route stops the parent alone).
        await SignInAsync(page, new Uri(session.BaseUrl, $"/orchestrations.html?id={Uri.EscapeDataString(leeds)}"));
        await Assertions.Expect(page.Locator("#detail-links ul.children li")).ToHaveCountAsync(leedsChildren.Count);
        await page.Locator("#detail-actions").GetByRole(AriaRole.Button, new() { Name = $"Terminate instance {leeds}" }).ClickAsync();
        await Assertions.Expect(page.Locator("#dlg-title")).ToContainTextAsync($"and its {leedsChildren.Count} sub-orchestration(s)");
        await page.GetByLabel("Reason (recorded with each instance)").FillAsync("test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync($"Terminate: sent to {leeds} and to");
        foreach (var instance in leedsChildren.Prepend(leeds))
        {
            await Eventually.WaitUntilAsync(async () => await RuntimeStatusAsync(session.Admin, instance) == "Terminated");
        }
        lock (terminateRequests)
        {
            Assert.All(leedsChildren.Prepend(leeds), instance => Assert.Contains($"{Management}/{instance}/terminate", terminateRequests));
        }

        await page.GotoAsync(new Uri(session.BaseUrl, "/orchestrations.html").ToString());
        var rows = page.Locator("#rows tr[data-instance]");

        // Sub-orchestrations are hidden until asked for.
        await Assertions.Expect(rows.Filter(new() { HasText = stockton })).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#rows")).Not.ToContainTextAsync(PartnerMarker);
        await page.GetByLabel("Show partner consultations (sub-orchestrations)").CheckAsync();
        await Assertions.Expect(page.Locator("#rows")).ToContainTextAsync(stocktonChild);

        // The orchestrator's name narrows the list, and so does the status (on the server).
        await page.Locator("#f-name").SelectOptionAsync("AgreementOrchestrator");
        await Assertions.Expect(page.Locator("#rows")).Not.ToContainTextAsync(PartnerMarker);
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await page.Locator("#f-status").SelectOptionAsync("Terminated");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(leeds);
        await Assertions.Expect(page.Locator("#totals")).ToContainTextAsync("1instances shown");

        // The histogram is drawn and its data is there as text.
        await Assertions.Expect(page.Locator("#histogram-chart svg[role='img']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#histogram-summary")).ToContainTextAsync("1 instances, counted per");
        await Assertions.Expect(page.Locator("#histogram-table tbody tr").Filter(new() { HasText = "1" })).Not.ToHaveCountAsync(0);

        // A running agreement links to its negotiation and its consultations, and offers terminate but not purge.
        await page.GotoAsync(new Uri(session.BaseUrl, $"/orchestrations.html?id={Uri.EscapeDataString(stockton)}").ToString());
        await Assertions.Expect(page.Locator("#detail-h")).ToContainTextAsync(stockton);
        var related = page.Locator("#detail-links");
        await Assertions.Expect(related.Locator($"a[href='negotiation.html?id={stockton}']")).ToBeVisibleAsync();
        var actions = page.Locator("#detail-actions");
        await Assertions.Expect(actions.GetByRole(AriaRole.Button, new() { Name = $"Terminate instance {stockton}" })).ToBeVisibleAsync();
        await Assertions.Expect(actions.GetByRole(AriaRole.Button, new() { Name = "Purge" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#d-history")).ToContainTextAsync("ExecutionStarted");
        await page.Locator("#h-type").SelectOptionAsync("ExecutionStarted");
        await Assertions.Expect(page.Locator("#d-history tr")).ToHaveCountAsync(1);

        // The child links back to its parent and to the same negotiation.
        await related.GetByRole(AriaRole.Link, new() { Name = stocktonChild }).ClickAsync();
        await Assertions.Expect(page.Locator("#detail-h")).ToContainTextAsync(stocktonChild);
        await Assertions.Expect(related.GetByRole(AriaRole.Link, new() { Name = stockton, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(related.Locator($"a[href='negotiation.html?id={stockton}']")).ToBeVisibleAsync();

        // A finished instance offers purge and restart, not terminate or suspend.
        await page.GotoAsync(new Uri(session.BaseUrl, $"/orchestrations.html?id={Uri.EscapeDataString(leeds)}").ToString());
        await Assertions.Expect(actions.GetByRole(AriaRole.Button, new() { Name = $"Purge instance {leeds}" })).ToBeVisibleAsync();
        await Assertions.Expect(actions.GetByRole(AriaRole.Button, new() { Name = "Restart" })).ToBeVisibleAsync();
        await Assertions.Expect(actions.GetByRole(AriaRole.Button, new() { Name = "Terminate" })).ToHaveCountAsync(0);
        await Assertions.Expect(actions.GetByRole(AriaRole.Button, new() { Name = "Suspend" })).ToHaveCountAsync(0);
        await checkedPage.AssertPageRulesAsync("orchestrations");

        // Bulk purge: the dialog says how many, the status line how many went; running instances stay.
        await page.GetByRole(AriaRole.Button, new() { Name = "Purge finished instances" }).ClickAsync();
        await Assertions.Expect(page.Locator("#dlg-title")).ToContainTextAsync("Purge ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Purged");
        Assert.Equal(HttpStatusCode.NotFound, (await session.Admin.GetAsync(new Uri($"{Management}/{leeds}", UriKind.Relative))).StatusCode);
        Assert.Equal("Running", await RuntimeStatusAsync(session.Admin, stockton));
        Assert.DoesNotContain(await InstanceIdsAsync(session.Admin), id => id.StartsWith(leeds, StringComparison.Ordinal));

        var phone = await session.NewPageAsync(390);
        await SignInAsync(phone.Page, new Uri(session.BaseUrl, $"/orchestrations.html?id={Uri.EscapeDataString(stockton)}"));
        await Assertions.Expect(phone.Page.Locator("#detail-h")).ToContainTextAsync(stockton);
        await Assertions.Expect(phone.Page.Locator("#histogram-chart svg")).ToBeVisibleAsync();
        await phone.AssertPageRulesAsync("orchestrations");
    }

    [Fact]
    public async Task MailboxPage_FiltersByNegotiationAndKind_OpensOneMessageWithItsHtml()
    {
        await using var session = await BrowserSession.StartAsync(azurite);
        var stocktonRequest = DemoNegotiations.For("Stockton");
        var stockton = await NegotiationHost.StartConsultingAsync(session.Admin, stocktonRequest);
        var sunderland = await NegotiationHost.StartConsultingAsync(session.Admin, DemoNegotiations.For("Sunderland"));
        await NegotiationHost.InvitationLinkAsync(session.Admin, stocktonRequest.Partners![0]!.Contact!.Email!);

        foreach (var width in BrowserSession.Widths)
        {
            var checkedPage = await session.NewPageAsync(width);
            var page = checkedPage.Page;
            await SignInAsync(page, new Uri(session.BaseUrl, "/mailbox.html"));
            var messages = page.Locator("article.message");
            await Assertions.Expect(messages.Filter(new() { HasText = "PartnerInvitation" })).Not.ToHaveCountAsync(0);

            // By negotiation: only that negotiation's messages, each naming it once opened.
            await page.Locator("#f-negotiation").SelectOptionAsync(stockton);
            await page.Locator("#f-category").SelectOptionAsync("PartnerInvitation");
            await page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("messages match");
            var count = await messages.CountAsync();
            Assert.Equal(stocktonRequest.Partners.Count, count);
            Assert.Equal(count, await messages.Filter(new() { HasText = "PartnerInvitation" }).CountAsync());
            // The rules run with every message closed: axe cannot run inside a frame the sandbox keeps scripts out of.
            await checkedPage.AssertPageRulesAsync("mailbox");

            // One message open at a time, with its HTML version sandboxed and its answer link listed beneath.
            var first = messages.Nth(0);
            var second = messages.Nth(1);
            await first.Locator("summary").ClickAsync();
            await Assertions.Expect(first.Locator("iframe.html-version")).ToBeVisibleAsync();
            Assert.NotNull(await first.Locator("iframe.html-version").GetAttributeAsync("sandbox"));
            Assert.DoesNotContain("allow-scripts", await first.Locator("iframe.html-version").GetAttributeAsync("sandbox") ?? "", StringComparison.Ordinal);
            await Assertions.Expect(first.FrameLocator("iframe.html-version").Locator("h1")).ToBeVisibleAsync();
            await Assertions.Expect(first.Locator(".message-body ul.links a[href*='/api/respond/']")).ToBeVisibleAsync();
            await Assertions.Expect(first.Locator(".message-body")).ToContainTextAsync(stockton);
            await second.Locator("summary").ClickAsync();
            await Assertions.Expect(second.Locator("details[name='mailbox']")).ToHaveAttributeAsync("open", "");
            await Assertions.Expect(first.Locator("details[name='mailbox']")).Not.ToHaveAttributeAsync("open", "");
            await Assertions.Expect(page.Locator("article.message details[open]")).ToHaveCountAsync(1);
            await checkedPage.ScreenshotAsync("mailbox-open");

            // The other negotiation's mail is there when asked for, and none of Stockton's.
            await page.Locator("#f-negotiation").SelectOptionAsync(sunderland);
            await page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
            await Assertions.Expect(messages.First).ToBeVisibleAsync();
            await first.Locator("summary").ClickAsync();
            await Assertions.Expect(first.Locator(".message-body")).ToContainTextAsync(sunderland);
            await Assertions.Expect(page.Locator("#messages")).Not.ToContainTextAsync(stockton);
        }
    }

    /// <summary>Opens <paramref name="url"/> and gives the admin key in the sign-in dialog every page shows without one.</summary>
    private static async Task SignInAsync(IPage page, Uri url)
    {
        await page.GotoAsync(url.ToString());
        await page.GetByLabel("Admin key (x-functions-key)").FillAsync(HostFactory.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private static async Task<string?> RuntimeStatusAsync(HttpClient admin, string instanceId)
    {
        using var response = await admin.GetAsync(new Uri($"{Management}/{Uri.EscapeDataString(instanceId)}", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.NotFound ? null : JsonNode.Parse(await response.Content.ReadAsStringAsync())!["runtimeStatus"]!.GetValue<string>();
    }

    private static async Task<IReadOnlyList<string>> InstanceIdsAsync(HttpClient admin) =>
        [.. JsonNode.Parse(await admin.GetStringAsync(new Uri($"{Management}?top=100", UriKind.Relative)))!.AsArray().Select(i => i!["instanceId"]!.GetValue<string>())];
}
