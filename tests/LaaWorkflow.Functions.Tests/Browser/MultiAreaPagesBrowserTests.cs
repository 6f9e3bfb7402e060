using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LaaWorkflow.Functions.Tests.Api.Scenarios;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Testing;
using Microsoft.Playwright;

namespace LaaWorkflow.Functions.Tests.Browser;

/// <summary>
/// A multi-area agreement on the dashboard, at desktop and phone width: the list shows it beside an LAA with its areas
/// (and finds it by any of them); its page shows each authority's endorsement and each Government Office's decision.
/// </summary>
[Collection("azurite-scenarios")]
public sealed partial class MultiAreaPagesBrowserTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task MultiArea_ListAndPage_ShowAreasEndorsementsAndEachOfficesDecision()
    {
        await using var session = await BrowserSession.StartAsync(azurite);
        var admin = session.Admin;
        await NegotiationHost.StartAsync(admin, TestPace.Draft(DemoNegotiations.For("Stockton")));
        var request = MultiAreaRequests.Valid();
        var id = await NegotiationHost.StartConsultingAsync(admin, request);

        // Every partner and authority endorses (an admin recording it for them); the North East approves, Yorkshire has yet to.
        foreach (var party in request.Partners!.Select(p => p!.Id!).Concat(request.Authorities!.Select(a => a!.Id!)))
        {
            using var answer = await admin.PostAsJsonAsync(new Uri($"/api/negotiations/{id}/partners/{party}/answer", UriKind.Relative),
                new { decision = "endorse", reason = "Endorsed at the board.", admin = "test admin" });
            Assert.True(answer.StatusCode == HttpStatusCode.Accepted, await answer.Content.ReadAsStringAsync());
        }
        await Eventually.WaitUntilAsync(async () => (await NegotiationHost.GetAsync(admin, id))["phase"]!.GetValue<string>() == "governmentOffice");
        using (var approved = await admin.PostAsJsonAsync(new Uri($"/api/negotiations/{id}/government-office/decision", UriKind.Relative), new { approved = true, office = "North East" }))
        {
            Assert.True(approved.StatusCode == HttpStatusCode.Accepted, await approved.Content.ReadAsStringAsync());
        }
        await Eventually.WaitUntilAsync(async () =>
            (await NegotiationHost.GetAsync(admin, id))["governmentOffices"]!.AsArray().Any(o => o!["decision"]!.GetValue<string>() == "approved"));

        var yorkshire = await DecisionPathAsync(admin, MultiAreaRequests.YorkshireNegotiator);

        foreach (var width in BrowserSession.Widths)
        {
            var checkedPage = await session.NewPageAsync(width);
            var page = checkedPage.Page;
            await page.GotoAsync(session.BaseUrl.ToString());
            await page.GetByLabel("Admin key (x-functions-key)").FillAsync(HostFactory.AdminKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            // Beside the LAA, tagged, with its three areas and their endorsements.
            var rows = page.Locator("#rows tr[data-id]");
            await Assertions.Expect(rows).ToHaveCountAsync(2);
            var row = page.Locator($"#rows tr[data-id='{id}']");
            await Assertions.Expect(row.Locator(".tag-maa")).ToHaveTextAsync("MAA");
            await Assertions.Expect(row.Locator("ul.areas li")).ToHaveCountAsync(3);
            await Assertions.Expect(row.Locator("ul.areas")).ToContainTextAsync("Darlington Borough Council (lead)");
            await Assertions.Expect(row.Locator("ul.areas")).ToContainTextAsync("North Yorkshire County Council · \u2714 endorsed");
            await Assertions.Expect(row).ToContainTextAsync("Government Offices' decisions");
            await Assertions.Expect(page.Locator("#rows tr", new() { HasText = "Stockton" }).Locator(".tag-maa")).ToHaveCountAsync(0);
            await checkedPage.AssertPageRulesAsync("maa-list");

            // Found by one of its areas' names, not only its own.
            await page.GetByLabel("Area").FillAsync("Hartlepool");
            await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await Assertions.Expect(row).ToBeVisibleAsync();

            // Its page: the authorities' endorsements, and each office's decision on the draft.
            await row.GetByRole(AriaRole.Link, new() { Name = "Tees and Swale" }).ClickAsync();
            await Assertions.Expect(page.Locator("#maa")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#maa-themes")).ToHaveTextAsync("Themes: economy, transport, other: Tourism.");
            await Assertions.Expect(page.Locator("#authorities tr")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator("#authorities tr[data-authority='hartlepool']")).ToContainTextAsync("Endorsed");
            await Assertions.Expect(page.Locator("#offices li[data-office='North East']")).ToContainTextAsync("Approved");
            await Assertions.Expect(page.Locator("#offices li[data-office='Yorkshire and the Humber']")).ToContainTextAsync("Deciding");
            await Assertions.Expect(page.Locator("#lede")).ToContainTextAsync("Multi-area agreement of 3 authorities, led by Darlington Borough Council");
            await Assertions.Expect(page.Locator("#facts")).ToContainTextAsync("the Government Office Yorkshire and the Humber");
            checkedPage.AssertNoConsoleErrors();
            await checkedPage.AssertPageRulesAsync("maa-negotiation");

            // The Yorkshire office's own link opens a decision page that names that office and the authorities.
            await page.GotoAsync(new Uri(session.BaseUrl, yorkshire).ToString());
            await Assertions.Expect(page.Locator(".eyebrow")).ToContainTextAsync("Government Office Yorkshire and the Humber");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tees and Swale Multi-Area Agreement 2008-2011");
            await Assertions.Expect(page.Locator("dl.facts")).ToContainTextAsync("North Yorkshire County Council (Yorkshire and the Humber): endorsed");
            await checkedPage.AssertPageRulesAsync("maa-decision");
        }
    }

    /// <summary>The decision link in the submission email to <paramref name="negotiator"/>, as a path.</summary>
    private static async Task<string> DecisionPathAsync(HttpClient admin, string negotiator)
    {
        string? found = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            var messages = JsonNode.Parse(await admin.GetStringAsync(new Uri($"/api/dev/outbox?to={Uri.EscapeDataString(negotiator)}", UriKind.Relative)))!.AsArray();
            var text = messages.FirstOrDefault(m => m!["category"]!.GetValue<string>() == "GovernmentOfficeSubmission")?["text"]?.GetValue<string>();
            var match = text is null ? null : DecisionLink().Match(text);
            found = match is { Success: true } ? new Uri(match.Value).PathAndQuery : null;
            return found is not null;
        });
        return found!;
    }

    [GeneratedRegex(@"https?://[^\s<>""']+/government-office/decision\?token=[^\s<>""']+")]
    private static partial Regex DecisionLink();
}
