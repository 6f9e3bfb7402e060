using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Demo;

namespace LaaWorkflow.Functions.Tests.Security.Hostile;

/// <summary>The hostile JSON bodies and query strings, by name, for every route that reads JSON or a query.</summary>
internal static class HostileJsonCases
{
    private const HttpStatusCode Bad = HttpStatusCode.BadRequest;
    private const string Start = "/api/negotiations";
    private const string Injection = "Leeds\r\nBcc: victim@attacker.example";

    public static readonly IReadOnlyDictionary<string, HostileRequest> All = Build();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Keys)
        {
            data.Add(name);
        }
        return data;
    }

    private static Dictionary<string, HostileRequest> Build()
    {
        var valid = Valid().ToJsonString();
        var cases = new Dictionary<string, HostileRequest>(StringComparer.Ordinal)
        {
            // Unreadable bodies.
            ["start-malformed"] = HostileRequest.Json("POST", Start, """{ "area": "Leeds", "partners": [ }""", Bad, "json"),
            ["start-truncated"] = HostileRequest.Json("POST", Start, valid[..(valid.Length * 3 / 5)], Bad, "json"),
            ["start-form-text-as-json"] = HostileRequest.Json("POST", Start, "area=Leeds&period=2008-2011", Bad, "json"),
            ["start-invalid-utf8"] = new("POST", Start, [.. "{\"area\":\""u8, 0xff, 0xfe, .. "\"}"u8], "application/json", Bad, ["json"]),
            ["start-array-body"] = HostileRequest.Json("POST", Start, "[]", Bad, "json"),
            ["start-null-body"] = HostileRequest.Json("POST", Start, "null", Bad, "body"),
            ["start-empty-body"] = HostileRequest.Json("POST", Start, "", Bad),
            ["start-text-plain"] = new("POST", Start, Encoding.UTF8.GetBytes(valid), "text/plain", HttpStatusCode.UnsupportedMediaType, []),

            // Wrong types.
            ["start-area-number"] = Mutated(o => o["area"] = 5, "area"),
            ["start-partners-string"] = Mutated(o => o["partners"] = "everyone", "partners"),
            ["start-date-not-a-date"] = Mutated(o => o["timetable"]!["consultationOpens"] = "next tuesday", "consultationOpens"),
            ["start-baseline-string"] = Mutated(o => o["targets"]![0]!["baseline"] = "high", "baseline"),
            ["start-int-overflow"] = Mutated(o => o["timetable"]!["escalationEveryDays"] = JsonNode.Parse("99999999999"), "escalationEveryDays"),
            ["start-decimal-overflow"] = Mutated(o => o["targets"]![0]!["baseline"] = JsonNode.Parse("1e400"), "baseline"),

            // Deeply nested JSON.
            ["start-deep-nesting-in-field"] = HostileRequest.Json("POST", Start, "{\"area\":" + Deep(5000) + "}", Bad),
            ["start-deep-nesting-unknown-field"] = HostileRequest.Json("POST", Start, "{\"x\":" + Deep(5000) + "}", Bad),

            // Unknown fields are refused, naming the field: a misspelt optional field would otherwise fall back to its default unseen.
            ["start-unknown-field"] = Mutated(o => o["colour"] = "blue", "colour"),
            ["start-unknown-nested-field"] = Mutated(o => o["partners"]![0]!["contact"]!["phone"] = "0191 000 0000", "phone"),
            ["start-misspelt-optional-field"] = Mutated(o => o["timetable"]!["escalationEveryDay"] = 3, "escalationEveryDay"),

            // Sizes.
            ["start-10000-partners"] = Mutated(o => o["partners"] = new JsonArray([.. Enumerable.Range(0, 10_000).Select(i => (JsonNode)new JsonObject { ["id"] = $"p{i}" })]), "partners"),
            ["start-10000-targets"] = Mutated(o => o["targets"] = new JsonArray([.. Enumerable.Range(0, 10_000).Select(i => (JsonNode)new JsonObject { ["kind"] = "local" })]), "targets"),
            ["start-huge-body"] = Mutated(o => o["area"] = new string('a', 400_000), HttpStatusCode.RequestEntityTooLarge),
            ["start-huge-body-chunked"] = Mutated(o => o["area"] = new string('a', 400_000), HttpStatusCode.RequestEntityTooLarge) with { Chunked = true },
            ["start-overlong-area"] = Mutated(o => o["area"] = new string('a', 5_000), "area"),
            ["start-overlong-comment-like-name"] = Mutated(o => o["partners"]![0]!["name"] = new string('n', 5_000), "partners[0].name"),

            // Values that would break the timetable.
            ["start-reminder-days-huge"] = Mutated(o => o["timetable"]!["reminderDaysBefore"] = new JsonArray(int.MaxValue), "reminderDaysBefore"),
            ["start-escalation-days-huge"] = Mutated(o => o["timetable"]!["escalationEveryDays"] = int.MaxValue, "escalationEveryDays"),
            ["start-year-9999"] = Mutated(o => o["timetable"]!["signOffDeadline"] = "9999-12-31T23:59:59Z", "signOffDeadline"),

            // CR/LF in names that reach email headers: refused at input.
            ["start-crlf-area"] = Mutated(o => o["area"] = Injection, "area"),
            ["start-crlf-authority"] = Mutated(o => o["responsibleAuthority"] = Injection, "responsibleAuthority"),
            ["start-crlf-lead-name"] = Mutated(o => o["lspLead"]!["name"] = Injection, "lspLead.name"),
            ["start-crlf-negotiator-name"] = Mutated(o => o["governmentOfficeNegotiator"]!["name"] = Injection, "governmentOfficeNegotiator.name"),
            ["start-crlf-partner-name"] = Mutated(o => o["partners"]![0]!["name"] = Injection, "partners[0].name"),
            ["start-crlf-contact-name"] = Mutated(o => o["partners"]![0]!["contact"]!["name"] = Injection, "partners[0].contact.name"),
            ["start-crlf-escalation-name"] = Mutated(o => o["partners"]![0]!["escalation"] = new JsonArray(new JsonObject { ["name"] = Injection, ["email"] = "dcc@police.example" }), "partners[0].escalation[0].name"),
            ["start-crlf-email"] = Mutated(o => o["lspLead"]!["email"] = "lead@leeds.example\r\nBcc: victim@attacker.example", "lspLead.email"),
            ["start-crlf-local-target"] = Mutated(o => o["targets"] = new JsonArray(new JsonObject { ["indicator"] = "Local\r\nBcc: x@y.example", ["kind"] = "local" }), "targets[0].indicator"),

            // The other JSON routes of the negotiation.
            ["revise-malformed"] = HostileRequest.Json("POST", "/api/negotiations/{id}/revisions", """{"targets": [""", Bad, "json"),
            ["revise-unknown-field"] = HostileRequest.Json("POST", "/api/negotiations/{id}/revisions", """{"target": []}""", Bad, "target"),
            ["revise-targets-object"] = HostileRequest.Json("POST", "/api/negotiations/{id}/revisions", """{"targets": {"NI 16": 1}}""", Bad, "targets"),
            ["refresh-malformed"] = HostileRequest.Json("POST", "/api/negotiations/{id}/refreshes", """{"year": "2009", "targets": [""", Bad, "json"),
            ["refresh-unknown-field"] = HostileRequest.Json("POST", "/api/negotiations/{id}/refreshes", """{"yaer": "2009"}""", Bad, "yaer"),
            ["refresh-targets-object"] = HostileRequest.Json("POST", "/api/negotiations/{id}/refreshes", """{"year": "2009", "targets": {"NI 16": 1}}""", Bad, "targets"),
            ["decide-approved-string"] = HostileRequest.Json("POST", "/api/negotiations/{id}/government-office/decision", """{"approved": "yes"}""", Bad, "approved"),
            ["decide-unknown-field"] = HostileRequest.Json("POST", "/api/negotiations/{id}/government-office/decision", """{"approve": true}""", Bad, "approve"),
            ["on-behalf-decision-number"] = HostileRequest.Json("POST", "/api/negotiations/{id}/partners/{partner}/answer", """{"decision": 5, "reason": "phone", "admin": "a"}""", Bad, "decision"),
            ["on-behalf-unknown-field"] = HostileRequest.Json("POST", "/api/negotiations/{id}/partners/{partner}/answer", """{"decision": "endorse", "reason": "phone", "admin": "a", "when": "now"}""", Bad, "when"),
            ["extend-not-a-date"] = HostileRequest.Json("POST", "/api/negotiations/{id}/extend-deadline", """{"to": "soon"}""", Bad, "to"),
            ["withdraw-reason-array"] = HostileRequest.Json("POST", "/api/negotiations/{id}/withdraw", """{"reason": ["a"], "by": "admin"}""", Bad, "reason"),

            // The management API's free-form bodies.
            ["raise-event-malformed"] = HostileRequest.Json("POST", "/runtime/webhooks/durabletask/instances/{id}/raiseEvent/Anything", "{ not json", Bad, "json"),
            ["raise-event-deep"] = HostileRequest.Json("POST", "/runtime/webhooks/durabletask/instances/{id}/raiseEvent/Anything", Deep(5000), Bad, "depth"),
            ["raise-event-huge"] = HostileRequest.Json("POST", "/runtime/webhooks/durabletask/instances/{id}/raiseEvent/Anything", "\"" + new string('x', 400_000) + "\"", HttpStatusCode.RequestEntityTooLarge),
            ["start-unknown-orchestrator"] = HostileRequest.Json("POST", "/runtime/webhooks/durabletask/orchestrators/NoSuchOrchestrator", "{}", HttpStatusCode.NotFound, "NoSuchOrchestrator"),
            ["start-orchestration-id-with-hash"] = HostileRequest.Json("POST", "/runtime/webhooks/durabletask/orchestrators/AgreementOrchestrator/a%23b", "{}", HttpStatusCode.NotFound),
            ["start-orchestration-malformed"] = HostileRequest.Json("POST", "/runtime/webhooks/durabletask/orchestrators/AgreementOrchestrator", "{\"id\":", Bad, "json"),

            // Query strings.
            ["list-top-not-a-number"] = Get("/api/negotiations?top=abc", Bad, "top"),
            ["list-top-negative"] = Get("/api/negotiations?top=-5", Bad, "top"),
            ["instances-top-not-a-number"] = Get("/runtime/webhooks/durabletask/instances?top=abc", Bad, "top"),
            ["instances-created-not-a-date"] = Get("/runtime/webhooks/durabletask/instances?createdTimeFrom=yesterday", Bad, "createdTimeFrom"),
            ["instances-unknown-status"] = Get("/runtime/webhooks/durabletask/instances?runtimeStatus=Bogus", Bad, "runtimeStatus"),
            ["instance-show-history-not-bool"] = Get("/runtime/webhooks/durabletask/instances/{id}?showHistory=maybe", Bad, "showHistory"),
            ["outbox-top-not-a-number"] = Get("/api/dev/outbox?top=lots", Bad, "top"),

            // Ids no negotiation or instance can have.
            ["negotiation-id-with-hash"] = Get("/api/negotiations/a%23b", HttpStatusCode.NotFound),
            ["negotiation-id-with-control"] = Get("/api/negotiations/a%01b", HttpStatusCode.NotFound),
            ["negotiation-id-very-long"] = Get("/api/negotiations/" + new string('a', 3000), HttpStatusCode.NotFound),
            ["document-id-with-slashes"] = Get("/api/negotiations/..%2F..%2Fsecret/document", HttpStatusCode.NotFound),
            ["document-id-very-long"] = Get("/api/negotiations/" + new string('d', 3000) + "/document", HttpStatusCode.NotFound),
            ["instance-id-with-hash"] = Get("/runtime/webhooks/durabletask/instances/a%23b", HttpStatusCode.NotFound),
            ["instance-id-with-control"] = Get("/runtime/webhooks/durabletask/instances/a%01b", HttpStatusCode.NotFound),
            ["instance-id-very-long"] = Get("/runtime/webhooks/durabletask/instances/" + new string('i', 3000), HttpStatusCode.NotFound),
            ["terminate-id-with-backslash"] = new("POST", "/runtime/webhooks/durabletask/instances/a%5Cb/terminate", null, "application/json", HttpStatusCode.NotFound, []),
            ["purge-id-with-question-mark"] = new("DELETE", "/runtime/webhooks/durabletask/instances/a%3Fb", null, "application/json", HttpStatusCode.NotFound, []),
        };
        return cases;
    }

    /// <summary>A valid start request, as the demo sends it, to be spoiled one way per case.</summary>
    public static JsonObject Valid() => JsonSerializer.SerializeToNode(DemoNegotiations.For("Leeds"), NegotiationHost.Json)!.AsObject();

    private static HostileRequest Mutated(Action<JsonObject> change, params string[] names) => Mutated(change, Bad, names);

    private static HostileRequest Mutated(Action<JsonObject> change, HttpStatusCode status, params string[] names)
    {
        var body = Valid();
        change(body);
        return HostileRequest.Json("POST", Start, body.ToJsonString(), status, names);
    }

    private static HostileRequest Get(string path, HttpStatusCode status, params string[] names) =>
        new("GET", path, null, "application/json", status, names);

    private static string Deep(int depth) => new string('[', depth) + new string(']', depth);
}
