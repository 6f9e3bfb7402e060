using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LaaWorkflow.Negotiation.Api;

namespace LaaWorkflow.Functions.Tests.Infrastructure;

/// <summary>Steps the API tests and the browser test share: start a demonstration negotiation, read it, read the mail.</summary>
internal static partial class NegotiationHost
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<JsonObject> StartAsync(HttpClient admin, NegotiationRequest request, string? idempotencyKey = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/negotiations", UriKind.Relative))
        {
            Content = JsonContent.Create(request, options: Json),
        };
        if (idempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        using var response = await admin.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>
    /// Starts <paramref name="request"/> with its consultation open (<see cref="TestPace.Consulting"/>) and waits until
    /// every partner has been invited: the phase changes first, and an answer before a partner's invitation is refused.
    /// </summary>
    public static async Task<string> StartConsultingAsync(HttpClient admin, NegotiationRequest request)
    {
        var id = (await StartAsync(admin, TestPace.Consulting(request)))["id"]!.GetValue<string>();
        await Eventually.WaitUntilAsync(async () =>
            (await GetAsync(admin, id))["partners"]!.AsArray().All(p => p!["status"]!.GetValue<string>() != "pending"));
        return id;
    }

    public static async Task<JsonObject> GetAsync(HttpClient admin, string id) =>
        JsonNode.Parse(await admin.GetStringAsync(new Uri($"/api/negotiations/{id}", UriKind.Relative)))!.AsObject();

    /// <summary>The answer link in the newest invitation to <paramref name="email"/>, waiting until it has been sent.</summary>
    public static async Task<Uri> InvitationLinkAsync(HttpClient admin, string email)
    {
        Uri? link = null;
        var seen = "";
        try
        {
            await Eventually.WaitUntilAsync(async () =>
        {
            seen = await admin.GetStringAsync(new Uri("/api/dev/outbox?top=5", UriKind.Relative));
            var messages = JsonNode.Parse(await admin.GetStringAsync(new Uri($"/api/dev/outbox?to={Uri.EscapeDataString(email)}", UriKind.Relative)))!.AsArray();
            var invitation = messages.FirstOrDefault(m => m!["category"]!.GetValue<string>() == "PartnerInvitation");
            var match = invitation is null ? null : AnswerLink().Match(invitation["text"]!.GetValue<string>());
            link = match is { Success: true } ? new Uri(match.Value) : null;
            return link is not null;
        });
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No invitation to {email}; the outbox holds: {seen}");
        }
        return link!;
    }

    public static async Task<string?> PartnerStatusAsync(HttpClient admin, string id, string partnerId) =>
        (await GetAsync(admin, id))["partners"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == partnerId)!["status"]!.GetValue<string>();

    [GeneratedRegex(@"https?://[^\s<>""']+/api/respond/[^\s<>""']+")]
    private static partial Regex AnswerLink();
}
