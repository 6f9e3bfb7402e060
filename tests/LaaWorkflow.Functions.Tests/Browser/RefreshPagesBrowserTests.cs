using System.Text.RegularExpressions;
using LaaWorkflow.Functions.Tests.Api.Refreshes;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Testing;
using Microsoft.Playwright;

namespace LaaWorkflow.Functions.Tests.Browser;

/// <summary>
/// The versions of an agreement on the dashboard, at desktop and phone width: a refresh's page shows what changed
/// between versions and links the version it refreshes; the original links its refresh; the list shows the refresh
/// beside its agreement as a version, not a duplicate; a signed-off version offers the next refresh.
/// </summary>
[Collection("azurite-scenarios")]
public sealed partial class RefreshPagesBrowserTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RefreshPages_FinalisedRefresh_ShowChangesAndLinkTheVersions_AndTheListShowsVersionsNotDuplicates()
    {
        await using var session = await BrowserSession.StartAsync(azurite);
        var agreement = RefreshSteps.Agreement();
        var id = await RefreshSteps.FinaliseAsync(session.Admin, agreement);
        var refreshId = await RefreshSteps.FinaliseRefreshAsync(session.Admin, id, agreement);
        var notConcerned = agreement.Partners!.Select(p => p!.Id!)
            .Except(agreement.Targets!.Where(t => t!.Indicator is "NI 16" or "NI 39" || t.Kind == "local").SelectMany(t => t!.LeadPartners!).Select(p => p!))
            .First();

        foreach (var width in BrowserSession.Widths)
        {
            var checkedPage = await session.NewPageAsync(width);
            var page = checkedPage.Page;
            await page.GotoAsync(new Uri(session.BaseUrl, $"/negotiation.html?id={Uri.EscapeDataString(refreshId)}").ToString());
            await SignInAsync(page);

            // The refresh: its version, what changed and whose decision each change needed, the partners not asked.
            await Assertions.Expect(page.Locator("#title")).ToContainTextAsync("2009 refresh of the 2008 agreement");
            await Assertions.Expect(page.Locator("#changes-section")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#changes tr[data-change='changed']")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator("#changes tr", new() { HasText = "NI 16" })).ToContainTextAsync("Government Office decides");
            await Assertions.Expect(page.Locator("#changes tr", new() { HasText = "Local" })).ToContainTextAsync("partners agree");
            await Assertions.Expect(page.Locator("#changes-count")).ToContainTextAsync("3 changed");
            await Assertions.Expect(page.Locator($"tr[data-partner='{notConcerned}'] .partner-status")).ToContainTextAsync("Not concerned by the refresh");
            var previous = page.Locator("#facts a", new() { HasText = "the previous version" });
            Assert.Contains(Uri.EscapeDataString(id), await previous.GetAttributeAsync("href"), StringComparison.Ordinal);
            checkedPage.AssertNoConsoleErrors();
            await checkedPage.AssertPageRulesAsync("negotiation-refresh");

            // Signed off, it can be refreshed in turn: the action asks for the next year's refresh, and cancelling sends nothing.
            await page.GetByRole(AriaRole.Button, new() { Name = "Start the yearly refresh" }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("Year of the refresh")).ToHaveValueAsync("2010");
            await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await Assertions.Expect(page.Locator("#dlg")).ToBeHiddenAsync();

            // The original: no changes of its own, a link to its refresh, and no second refresh offered.
            await previous.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(Uri.EscapeDataString(id)) + "$"));
            await Assertions.Expect(page.Locator("#facts")).ToContainTextAsync("2008 agreement (version 1)");
            await Assertions.Expect(page.Locator("#facts a", new() { HasText = "the 2009 refresh" })).ToHaveAttributeAsync("href", new Regex(Regex.Escape(refreshId)));
            await Assertions.Expect(page.Locator("#changes-section")).ToBeHiddenAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start the yearly refresh" })).ToHaveCountAsync(0);
            checkedPage.AssertNoConsoleErrors();

            // The list: both versions of Stockton, linked, and not taken for duplicates.
            await page.GotoAsync(session.BaseUrl.ToString());
            var rows = page.Locator("#rows tr[data-id]");
            await Assertions.Expect(rows).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator($"#rows tr[data-id='{refreshId}'] .version")).ToContainTextAsync("Version 2: 2009 refresh of");
            await Assertions.Expect(page.Locator($"#rows tr[data-id='{id}'] .version")).ToContainTextAsync("Refreshed: 2009 refresh");
            await Assertions.Expect(page.Locator("#rows", new() { HasText = "Duplicate" })).ToHaveCountAsync(0);
            checkedPage.AssertNoConsoleErrors();
            await checkedPage.AssertPageRulesAsync("negotiations-list-versions");
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task DecisionPage_OfARefresh_MarksOnlyTheDesignatedChangesForDecision()
    {
        await using var session = await BrowserSession.StartAsync(azurite);
        var agreement = RefreshSteps.Agreement();
        var id = await RefreshSteps.FinaliseAsync(session.Admin, agreement);
        var targets = agreement.Targets!.Select(t => t!.Indicator is "NI 16" or "NI 39" || t.Kind == "local" ? RefreshSteps.Stretched(t) : t).ToList();
        using var started = await RefreshSteps.PostRefreshAsync(session.Admin, id, RefreshSteps.Refresh(targets));
        var refreshId = (await RefreshSteps.ProblemAsync(started))["id"]!.GetValue<string>();
        var concerned = agreement.Targets!.Where(t => t!.Indicator is "NI 16" or "NI 39" || t.Kind == "local").SelectMany(t => t!.LeadPartners!).Select(p => p!).Distinct().ToList();
        await RefreshSteps.EndorseAsync(session.Admin, refreshId, concerned);
        await RefreshSteps.WaitForPhaseAsync(session.Admin, refreshId, "governmentOffice");
        // The phase is recorded before the submission email goes.
        await Eventually.WaitUntilAsync(async () => (await RefreshSteps.OutboxAsync(session.Admin, refreshId, "GovernmentOfficeSubmission")).Count > 0);
        var submission = Assert.Single(await RefreshSteps.OutboxAsync(session.Admin, refreshId, "GovernmentOfficeSubmission"))!["text"]!.GetValue<string>();
        var link = new Uri(DecisionLink().Match(submission).Value);

        foreach (var width in BrowserSession.Widths)
        {
            var checkedPage = await session.NewPageAsync(width);
            var page = checkedPage.Page;
            await page.GotoAsync(new Uri(session.BaseUrl, link.PathAndQuery).ToString());

            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("2009 refresh of the 2008 agreement");
            await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Only the designated targets it changes need your decision");
            await Assertions.Expect(page.Locator("ul.changes li")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator("ul.changes li", new() { HasText = "for your decision" })).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("ul.changes li", new() { HasText = "(local, changed)" })).ToContainTextAsync("agreed by the partners concerned");
            await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Not asked: the refresh does not change their targets");
            checkedPage.AssertNoConsoleErrors();
            await checkedPage.AssertPageRulesAsync("decision-refresh");
            await page.CloseAsync();
        }
    }

    [GeneratedRegex(@"https?://[^\s<>""']+/government-office/decision\?token=[^\s<>""']+")]
    private static partial Regex DecisionLink();

    private static async Task SignInAsync(IPage page)
    {
        await page.GetByLabel("Admin key (x-functions-key)").FillAsync(HostFactory.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#signin")).ToBeHiddenAsync();
    }
}
