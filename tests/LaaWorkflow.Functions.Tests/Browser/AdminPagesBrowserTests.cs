using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Testing;
using Microsoft.Playwright;

namespace LaaWorkflow.Functions.Tests.Browser;

/// <summary>
/// The negotiations list, one negotiation's page and sign-in, at desktop and phone width: what they show reads as the
/// product (engine status, phases by name, the timetable drawn), offers only what the API would accept, keeps the
/// list's filters in the address, and passes the page rules.
/// </summary>
[Collection("azurite-scenarios")]
public sealed class AdminPagesBrowserTests(AzuriteFixture azurite)
{
    private static readonly string[] s_phaseNames =
        ["Draft", "Consultation", "Awaiting revision", "With Government Office", "Signed off", "Deadline missed", "Withdrawn"];

    [Fact]
    public async Task ListPage_SignedIn_ShowsEngineStatusAndPhaseNames_FiltersSurviveAReload()
    {
        await using var session = await BrowserSession.StartAsync(azurite);
        await NegotiationHost.StartConsultingAsync(session.Admin, DemoNegotiations.For("Stockton"));
        await NegotiationHost.StartAsync(session.Admin, TestPace.Draft(DemoNegotiations.For("Essex")));
        // A second Essex for the same period is accepted, and then withdrawn: the list marks the pair as duplicates.
        var second = (await NegotiationHost.StartAsync(session.Admin, TestPace.Draft(DemoNegotiations.For("Essex"))))["id"]!.GetValue<string>();
        await WithdrawAsync(session.Admin, second);

        foreach (var width in BrowserSession.Widths)
        {
            var checkedPage = await session.NewPageAsync(width);
            var page = checkedPage.Page;

            // A first visit asks for the key, says where it comes from, reports no error and calls no API yet.
            await page.GotoAsync(session.BaseUrl.ToString());
            await Assertions.Expect(page.Locator("#signin")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#signin-hint")).ToContainTextAsync("scripts/run.sh");
            await Assertions.Expect(page.Locator("#signin-error")).ToBeEmptyAsync();
            Assert.Equal("/favicon.svg", await page.Locator("link[rel='icon']").First.GetAttributeAsync("href"));
            checkedPage.AssertNoConsoleErrors();
            await checkedPage.ScreenshotAsync("sign-in");

            await SignInAsync(page);
            var rows = page.Locator("#rows tr[data-id]");
            await Assertions.Expect(rows).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator("#rows tr", new() { HasText = "Withdrawn" }).Locator(".runtime-status")).ToHaveTextAsync(new Regex("Completed"));

            // The engine's status and phases by the names people use, never "unknown" or a code name.
            foreach (var status in await page.Locator("#rows .runtime-status").AllInnerTextsAsync())
            {
                Assert.DoesNotContain("unknown", status, StringComparison.OrdinalIgnoreCase);
                Assert.Matches("Running|Completed|Pending", status);
            }
            foreach (var phase in await page.Locator("#rows td[data-label='Phase']").AllInnerTextsAsync())
            {
                Assert.Contains(s_phaseNames, name => phase.Contains(name, StringComparison.Ordinal));
            }
            await Assertions.Expect(page.Locator("#rows tr", new() { HasText = "Essex" })).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("#rows tr", new() { HasText = "Essex" }).First).ToContainTextAsync("Duplicate");
            checkedPage.AssertNoConsoleErrors();
            await checkedPage.AssertPageRulesAsync("negotiations-list");

            // A count tile filters, the filter goes into the address, and a reload shows the same list.
            await page.GetByRole(AriaRole.Button, new() { Name = "Withdrawn" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("phase=withdrawn"));
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("#f-phase")).ToHaveValueAsync("withdrawn");
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await page.GetByLabel("Area").FillAsync("Stockton");
            await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("area=Stockton"));
            await Assertions.Expect(rows).ToHaveCountAsync(0);
            await page.GoBackAsync();
            await Assertions.Expect(page.GetByLabel("Area")).ToHaveValueAsync("");
            await Assertions.Expect(rows).ToHaveCountAsync(1);

            // Signing out forgets the key and asks for it again.
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Assertions.Expect(page.Locator("#signin")).ToBeVisibleAsync();
            checkedPage.AssertNoConsoleErrors();
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task NegotiationPage_Consulting_DrawsTheTimetable_AndAfterWithdrawalOffersNoAction()
    {
        await using var session = await BrowserSession.StartAsync(azurite);
        foreach (var width in BrowserSession.Widths)
        {
            var request = DemoNegotiations.For("Stockton");
            var id = await NegotiationHost.StartConsultingAsync(session.Admin, request);
            var partner = request.Partners![0]!;
            var checkedPage = await session.NewPageAsync(width);
            var page = checkedPage.Page;
            await page.GotoAsync(new Uri(session.BaseUrl, $"/negotiation.html?id={Uri.EscapeDataString(id)}").ToString());
            await SignInAsync(page);

            // The chart draws the timetable's markers and a line at now, with its dates as text beside it.
            await Assertions.Expect(page.Locator("#chart [data-mark='consultation-opens']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#chart [data-mark='response-deadline']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#chart [data-mark='sign-off-deadline']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#chart [data-mark='now']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#chart [data-event='invited']").First).ToBeAttachedAsync();
            await Assertions.Expect(page.Locator("#legend")).ToContainTextAsync("Sign-off deadline");
            await Assertions.Expect(page.Locator("#chart-table")).ToContainTextAsync("Response deadline");

            // Partners by name, their row actions named after them; the phase by its name; lead partners by name.
            await Assertions.Expect(page.Locator($"tr[data-partner='{partner.Id}'] .partner-status")).ToContainTextAsync("Invited");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Remind {partner.Name} now" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#title-phase")).ToHaveTextAsync(new Regex("Consultation"));
            await Assertions.Expect(page.Locator("#targets")).ToContainTextAsync(partner.Name!);
            await Assertions.Expect(page.Locator("#timeline li").First).Not.ToContainTextAsync("Negotiation started");
            checkedPage.AssertNoConsoleErrors();
            await checkedPage.AssertPageRulesAsync("negotiation-detail");

            // Withdrawn from the page: nothing the API would now refuse is offered.
            await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
            await page.GetByLabel("Reason (recorded)").FillAsync("Started in error.");
            await page.GetByLabel("Your name (recorded)").FillAsync("Browser admin");
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
            await Assertions.Expect(page.Locator("#title-phase")).ToHaveTextAsync(new Regex("Withdrawn"));
            foreach (var refused in new[] { "Withdraw", "Extend a deadline", "Submit a revision", "Move the sign-off deadline" })
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = refused, Exact = true })).ToHaveCountAsync(0);
            }
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^(Remind|Resend invitation|Record answer)") })).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#actions-note")).ToContainTextAsync("has ended");
            checkedPage.AssertNoConsoleErrors();
            await checkedPage.AssertPageRulesAsync("negotiation-withdrawn");
            await page.CloseAsync();
        }
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GetByLabel("Admin key (x-functions-key)").FillAsync(HostFactory.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#signin")).ToBeHiddenAsync();
    }

    private static async Task WithdrawAsync(HttpClient admin, string id)
    {
        using var response = await admin.PostAsJsonAsync(new Uri($"/api/negotiations/{id}/withdraw", UriKind.Relative), new { reason = "Started twice.", by = "test" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.WaitUntilAsync(async () => (await NegotiationHost.GetAsync(admin, id))["phase"]!.GetValue<string>() == "withdrawn");
    }
}
