using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Testing;
using Microsoft.Playwright;

namespace LaaWorkflow.Functions.Tests.Browser;

/// <summary>
/// The dashboard in Debian's chromium against the host on a real port: a partner's answer given
/// through the emailed link shows up on the negotiation page.
/// </summary>
[Collection("azurite-scenarios")]
public sealed class DashboardBrowserTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Dashboard_PartnerFollowsMailboxLinkAndEndorses_StatusChangesOnNegotiationPage()
    {
        await using var session = await BrowserSession.StartAsync(azurite);
        var baseUrl = session.BaseUrl;
        var admin = session.Admin;

        var request = DemoNegotiations.For("Stockton");
        var partner = request.Partners![0]!;
        var id = await NegotiationHost.StartConsultingAsync(admin, request);
        await NegotiationHost.InvitationLinkAsync(admin, partner.Contact!.Email!);

        var page = (await session.NewPageAsync(1366)).Page;
        var shots = BrowserSession.ScreenshotFolder();

        // Sign in with the admin key; the list shows the negotiation.
        await page.GotoAsync(baseUrl.ToString());
        await page.GetByLabel("Admin key (x-functions-key)").FillAsync(HostFactory.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var stockton = page.GetByRole(AriaRole.Link, new() { Name = "Stockton" });
        await stockton.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "negotiations-list.png"), FullPage = true });

        // The negotiation page lists the partner as invited.
        await stockton.ClickAsync();
        var status = page.Locator($"tr[data-partner='{partner.Id}'] .partner-status");
        await Assertions.Expect(status).ToHaveTextAsync(new Regex("Invited"));
        await Assertions.Expect(page.Locator("#targets")).ToContainTextAsync("Serious acquisitive crime rate");
        // A crime rate improves as it falls, and the page says so beside its trajectory.
        await Assertions.Expect(page.Locator("#targets tr", new() { HasText = "Serious acquisitive crime rate" })).ToContainTextAsync("(lower is better)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "negotiation-page.png"), FullPage = true });

        // The mailbox shows the invitation; its link opens the partner's answer page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Mailbox" }).ClickAsync();
        await page.GetByLabel("Recipient").FillAsync(partner.Contact.Email!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var invitation = page.Locator("article.message").Filter(new() { HasText = "PartnerInvitation" }).Locator("a[href*='/api/respond/']").First;
        await invitation.ClickAsync();
        await page.GetByLabel("Endorse these targets").CheckAsync();
        await page.GetByLabel("Reason or comment").FillAsync("Endorsed by the police in the browser test.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("answer is recorded");

        // Back on the negotiation page the partner is endorsed (the page refreshes itself).
        await page.GotoAsync(new Uri(baseUrl, $"/negotiation.html?id={Uri.EscapeDataString(id)}").ToString());
        await Assertions.Expect(status).ToHaveTextAsync(new Regex("Endorsed"));

        // The LSP lead's revision, from the page while the round is open: a trajectory made to get worse is refused,
        // naming the field; with a justification it is taken, and the timeline says who is asked again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit a revision" }).ClickAsync();
        var box = page.GetByLabel("Targets as JSON", new() { Exact = false });
        var targets = JsonNode.Parse(await box.InputValueAsync())!.AsArray();
        var first = targets[0]!.AsObject();
        var baseline = first["baseline"]!.GetValue<decimal>();
        first["trajectory"]!["2008/09"] = first["higherIsBetter"]!.GetValue<bool>() ? baseline - 1 : baseline + 1;
        await box.FillAsync(targets.ToJsonString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("targets[0].trajectory");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("gets worse");

        first["justification"] = "The new recording standard counts more offences in the first year.";
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit a revision" }).ClickAsync();
        await box.FillAsync(targets.ToJsonString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Submit revision: done.");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("during consultation");
        await Assertions.Expect(page.Locator("#targets")).ToContainTextAsync("Gets worse before it improves, because: The new recording standard");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "negotiation-revised.png"), FullPage = true });

        // The sign-off deadline moves only with a reason on record, and who agreed it for the Government Office.
        await page.GetByRole(AriaRole.Button, new() { Name = "Move the sign-off deadline" }).ClickAsync();
        await page.GetByLabel("New sign-off deadline", new() { Exact = false }).FillAsync("2008-07-31T17:00:00Z");
        await page.GetByLabel("Why (recorded on the timeline)").FillAsync("A boundary review delays the county's board.");
        await page.GetByLabel("Agreed for the Government Office by").FillAsync("G. Officer");
        await page.GetByLabel("Your name (recorded)").FillAsync("Browser admin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Move the sign-off deadline: done.");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("agreed for the Government Office by G. Officer (recorded by Browser admin): A boundary review delays the county's board.");

        await page.GotoAsync(new Uri(baseUrl, $"/orchestrations.html?id={Uri.EscapeDataString(id)}").ToString());
        await Assertions.Expect(page.Locator("#detail-h")).ToContainTextAsync(id);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "orchestrations.png"), FullPage = true });
    }
}
