using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Testing;

namespace LaaWorkflow.Functions.Tests.Api.Scenarios;

/// <summary>Each rule of a multi-area agreement, broken once: a 400 naming the field and the problem, and nothing stored or started.</summary>
[Collection("azurite")]
public sealed class MultiAreaValidationTests(AzuriteFixture azurite) : HostedApiTests(azurite)
{
    public static TheoryData<string, string, string> BrokenRules() => new()
    {
        { "single authority", "authorities", "two or more responsible authorities" },
        { "duplicate authority", "authorities[1].id", "Duplicate authority 'darlington'" },
        { "lead authority not among them", "leadAuthority", "'durham' is not one of the authorities" },
        { "unknown theme", "themes[1]", "'tourism' is not a known theme" },
        { "partner from no participating area", "partners[1].authority", "'leeds' is not one of the participating authorities" },
        { "lead partner from no participating area", "targets[0].leadPartners[0]", "neither a partner from a participating area nor a participating authority" },
        { "authority without a Government Office", "authorities[2].governmentOffice", "Required" },
        { "two negotiators for one office", "authorities[1].governmentOfficeNegotiator", "already negotiated by" },
        { "an LAA field on an MAA", "responsibleAuthority", "give it on each of the authorities" },
        { "a partner taking an authority's id", "partners[0].id", "the id of a participating authority" },
        { "more than 35 designated targets", "targets", "36 designated targets" },
        { "unknown kind", "kind", "'combined' is not a kind of agreement" },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public async Task Start_MultiAreaBreakingOneRule_Is400NamingIt_AndStoresNothing(string rule, string field, string message)
    {
        var request = Break(MultiAreaRequests.Valid(), rule);

        using var response = await Admin.PostAsJsonAsync(new Uri("/api/negotiations", UriKind.Relative), request, NegotiationHost.Json);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var list = JsonNode.Parse(await Admin.GetStringAsync(new Uri("/api/negotiations", UriKind.Relative)))!;
        var instances = JsonNode.Parse(await Admin.GetStringAsync(new Uri("/runtime/webhooks/durabletask/instances", UriKind.Relative)))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"{rule}: expected '{field}' among {errors.ToJsonString()}");
        Assert.Contains(errors[field]!.AsArray(), m => m!.GetValue<string>().Contains(message, StringComparison.Ordinal));
        Assert.Empty(list["items"]!.AsArray());
        Assert.Empty(instances.AsArray());
    }

    [Fact]
    public async Task Start_ValidMultiArea_Is202_AndTheControlOfTheTheoryHolds()
    {
        // The request every rule above breaks is itself accepted: each 400 is the rule's doing.
        using var response = await Admin.PostAsJsonAsync(new Uri("/api/negotiations", UriKind.Relative), TestPace.Draft(MultiAreaRequests.Valid()), NegotiationHost.Json);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    private static NegotiationRequest Break(NegotiationRequest valid, string rule)
    {
        var authorities = valid.Authorities!.Select(a => a!).ToList();
        var partners = valid.Partners!.Select(p => p!).ToList();
        return rule switch
        {
            "single authority" => valid with { Authorities = [authorities[0]] },
            "duplicate authority" => valid with { Authorities = [authorities[0], authorities[0], authorities[2]] },
            "lead authority not among them" => valid with { LeadAuthority = "durham" },
            "unknown theme" => valid with { Themes = ["economy", "tourism"] },
            "partner from no participating area" => valid with { Partners = [partners[0], MultiAreaRequests.Partner("jcp", partners[1].Body!, "leeds")] },
            "lead partner from no participating area" => valid with { Targets = [MultiAreaRequests.Target("NI 151", "leeds-city-council"), .. valid.Targets!.Skip(1)] },
            "authority without a Government Office" => valid with
            {
                Authorities = [authorities[0], authorities[1], MultiAreaRequests.Authority("north-yorkshire", "North Yorkshire County Council", null!, MultiAreaRequests.YorkshireNegotiator)],
            },
            "two negotiators for one office" => valid with
            {
                Authorities = [authorities[0], MultiAreaRequests.Authority("hartlepool", "Hartlepool Borough Council", "North East", "another@go-north-east.example"), authorities[2]],
            },
            "an LAA field on an MAA" => valid with { ResponsibleAuthority = "Darlington Borough Council" },
            "a partner taking an authority's id" => valid with { Partners = [MultiAreaRequests.Partner("hartlepool", partners[0].Body!, "darlington"), partners[1]] },
            "more than 35 designated targets" => valid with
            {
                Targets = [.. Enumerable.Range(1, 37).Where(n => n != 31).Take(36).Select(n => MultiAreaRequests.Target($"NI {n}", "police"))],
            },
            "unknown kind" => valid with { Kind = "combined" },
            _ => throw new ArgumentException($"No such rule: {rule}", nameof(rule)),
        };
    }
}
