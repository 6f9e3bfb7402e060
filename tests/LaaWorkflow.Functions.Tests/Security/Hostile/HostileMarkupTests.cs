using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace LaaWorkflow.Functions.Tests.Security.Hostile;

/// <summary>
/// Script and HTML in every text field a user can type (area, authority, every name, a local target's text, a
/// partner's comment) come back encoded: literal text on the respond page, in the emails and on the dashboard pages,
/// where no script of theirs runs.
/// </summary>
[Collection("azurite-hostile")]
public sealed class HostileMarkupTests(AzuriteFixture azurite)
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>Each field's payload names the field, so a failure says which one was not encoded.</summary>
    private static string Payload(string field) => $"{field} <img src=x onerror=\"window.__xss='{field}'\"><script>window.__xss='{field}'</script>";

    private static readonly string[] Fields = ["area", "authority", "lead", "negotiator", "partner", "contact", "escalation", "local-target", "withdraw-reason", "withdrawn-by"];

    [Fact]
    public async Task RespondPageAndEmails_MarkupInEveryField_IsEncoded()
    {
        await using var host = new HostFactory(azurite, new Dictionary<string, string?> { ["Negotiation:TablePrefix"] = AzuriteFixture.NewTableName("hxss") });
        using var admin = host.CreateAdminClient();
        using var anonymous = host.CreateClient();
        var (request, id, token) = await SeedAsync(admin);

        using var page = await anonymous.GetAsync(new Uri("/api/respond/" + token, UriKind.Relative));
        var choice = await page.Content.ReadAsStringAsync();
        using var answer = await anonymous.PostAsync(new Uri("/api/respond/" + token, UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "request-changes", ["comment"] = Payload("comment") }));
        var confirmed = await answer.Content.ReadAsStringAsync();
        var contact = request.Partners![0]!.Contact!.Email!;
        JsonArray mail = [];
        await Eventually.WaitUntilAsync(async () =>
        {
            mail = JsonNode.Parse(await admin.GetStringAsync(new Uri($"/api/dev/outbox?to={Uri.EscapeDataString(contact)}", UriKind.Relative)))!.AsArray();
            return mail.Any(m => m!["category"]!.GetValue<string>() == "AnswerConfirmation");
        });

        using var withdraw = await admin.PostAsJsonAsync(new Uri($"/api/negotiations/{Uri.EscapeDataString(id)}/withdraw", UriKind.Relative),
            new { reason = Payload("withdraw-reason"), by = Payload("withdrawn-by") });
        withdraw.EnsureSuccessStatusCode();
        await Eventually.WaitUntilAsync(async () => (await NegotiationHost.GetAsync(admin, id))["phase"]!.GetValue<string>() == "withdrawn");
        var everything = JsonNode.Parse(await admin.GetStringAsync(new Uri("/api/dev/outbox?top=1000", UriKind.Relative)))!.AsArray();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        // Every email to anyone (partners, the LSP lead, escalation contacts, the Government Office) is encoded.
        foreach (var message in everything)
        {
            AssertEncoded(message!["html"]!.GetValue<string>());
            Assert.False(message["subject"]!.GetValue<string>().Any(char.IsControl), "A subject holds a control character.");
        }
        AssertEncoded(choice, "area", "authority", "partner", "local-target");
        AssertEncoded(confirmed, "comment");
        foreach (var message in mail)
        {
            var html = message!["html"]!.GetValue<string>();
            AssertEncoded(html);
            Assert.DoesNotContain("\r", message["subject"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        var invitation = mail.Single(m => m!["category"]!.GetValue<string>() == "PartnerInvitation")!;
        AssertEncoded(invitation["html"]!.GetValue<string>(), "area", "contact");
        // The plain-text part is not HTML: there the text stands as written.
        Assert.Contains(Payload("area"), invitation["text"]!.GetValue<string>(), StringComparison.Ordinal);
        AssertEncoded(mail.Single(m => m!["category"]!.GetValue<string>() == "AnswerConfirmation")!["html"]!.GetValue<string>(), "comment");
    }

    [Fact]
    public async Task DashboardPages_MarkupInEveryField_IsShownAsTextAndNoScriptRuns()
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium is required (the test command installs it).");
        var (started, baseUrl) = LoopbackHost.Start(azurite, new Dictionary<string, string?>
        {
            ["Negotiation:TablePrefix"] = AzuriteFixture.NewTableName("hxweb"),
        });
        await using var host = started;
        using var admin = new HttpClient { BaseAddress = baseUrl };
        admin.DefaultRequestHeaders.Add("x-functions-key", HostFactory.AdminKey);
        var (request, id, token) = await SeedAsync(admin);
        using (var answer = await admin.PostAsync(new Uri("/api/respond/" + token, UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "object", ["comment"] = Payload("comment") })))
        {
            answer.EnsureSuccessStatusCode();
        }
        await Eventually.WaitUntilAsync(async () => await NegotiationHost.PartnerStatusAsync(admin, id, request.Partners![0]!.Id!) == "objected");
        using (var withdraw = await admin.PostAsJsonAsync(new Uri($"/api/negotiations/{Uri.EscapeDataString(id)}/withdraw", UriKind.Relative),
            new { reason = Payload("withdraw-reason"), by = Payload("withdrawn-by") }))
        {
            withdraw.EnsureSuccessStatusCode();
        }
        await Eventually.WaitUntilAsync(async () => (await NegotiationHost.GetAsync(admin, id))["phase"]!.GetValue<string>() == "withdrawn");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(90_000);
        Assertions.SetDefaultExpectTimeout(90_000);
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => dialogs.Add(dialog.Message);

        await page.GotoAsync(baseUrl.ToString());
        await page.GetByLabel("Admin key (x-functions-key)").FillAsync(HostFactory.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(Payload("area"));
        await AssertNoScriptRanAsync(page, "the negotiations list");

        await page.GotoAsync(new Uri(baseUrl, $"/negotiation.html?id={Uri.EscapeDataString(id)}").ToString());
        var body = page.Locator("body");
        await Assertions.Expect(body).ToContainTextAsync(Payload("comment"));
        foreach (var field in new[] { "area", "authority", "partner", "local-target", "withdraw-reason", "withdrawn-by" })
        {
            await Assertions.Expect(body).ToContainTextAsync(Payload(field));
        }
        await AssertNoScriptRanAsync(page, "the negotiation page");

        await page.GotoAsync(new Uri(baseUrl, "/mailbox.html").ToString());
        await Assertions.Expect(page.Locator("article.message").First).ToContainTextAsync(Payload("area"));
        await AssertNoScriptRanAsync(page, "the mailbox");

        await page.GotoAsync(new Uri(baseUrl, $"/orchestrations.html?id={Uri.EscapeDataString(id)}").ToString());
        await Assertions.Expect(page.Locator("#detail-h")).ToContainTextAsync(id);
        await AssertNoScriptRanAsync(page, "the orchestrations page");

        await page.GotoAsync(new Uri(baseUrl, "/api/respond/" + token).ToString());
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(Payload("comment"));
        await AssertNoScriptRanAsync(page, "the respond page");
        Assert.Empty(dialogs);
    }

    private static async Task AssertNoScriptRanAsync(IPage page, string where)
    {
        var injected = await page.EvaluateAsync<string?>("() => window.__xss ?? null");
        Assert.True(injected is null, $"Script injected through '{injected}' ran on {where}.");
        Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
    }

    /// <summary>The HTML holds none of the payloads raw, and the named ones encoded.</summary>
    private static void AssertEncoded(string html, params string[] shown)
    {
        foreach (var field in Fields.Append("comment"))
        {
            Assert.DoesNotContain($"<img src=x onerror=\"window.__xss='{field}'\">", html, StringComparison.Ordinal);
            Assert.DoesNotContain($"<script>window.__xss='{field}'</script>", html, StringComparison.Ordinal);
        }
        foreach (var field in shown)
        {
            Assert.True(html.Contains($"{field} &lt;img src=x onerror=", StringComparison.Ordinal), $"'{field}' is not shown encoded.");
        }
    }

    private static async Task<(NegotiationRequest Request, string Id, string Token)> SeedAsync(HttpClient admin)
    {
        var node = JsonSerializer.SerializeToNode(DemoNegotiations.For("Coventry"), NegotiationHost.Json)!.AsObject();
        node["area"] = Payload("area");
        node["responsibleAuthority"] = Payload("authority");
        node["lspLead"]!["name"] = Payload("lead");
        node["governmentOfficeNegotiator"]!["name"] = Payload("negotiator");
        var partner = node["partners"]![0]!;
        partner["name"] = Payload("partner");
        partner["contact"]!["name"] = Payload("contact");
        partner["escalation"] = new JsonArray(new JsonObject { ["name"] = Payload("escalation"), ["email"] = "escalation@coventry.example" });
        node["targets"]!.AsArray().Add(new JsonObject { ["indicator"] = Payload("local-target"), ["kind"] = "local", ["leadPartners"] = new JsonArray(partner["id"]!.GetValue<string>()) });
        var request = node.Deserialize<NegotiationRequest>(NegotiationHost.Json)!;

        var id = await NegotiationHost.StartConsultingAsync(admin, request);
        var link = await NegotiationHost.InvitationLinkAsync(admin, request.Partners![0]!.Contact!.Email!);
        return (request, id, link.AbsolutePath[(link.AbsolutePath.LastIndexOf('/') + 1)..]);
    }
}
