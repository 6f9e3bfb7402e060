using System.Net;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Testing;

namespace LaaWorkflow.Functions.Tests.Security.Hostile;

/// <summary>
/// Malformed, truncated, mistyped, deeply nested, oversized and unknown-field JSON, and bad query strings and ids,
/// against every route that reads them: each gets a clear 4xx problem naming what is wrong, and nothing changes.
/// </summary>
[Collection("azurite-hostile-json")]
public sealed class HostileJsonTests(AzuriteFixture azurite, HostileHost shared) : IClassFixture<HostileHost>
{
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Route_HostileJsonOrQuery_IsRefusedWith4xxAndChangesNothing(string name)
    {
        var host = await StartAsync();
        var hostile = HostileJsonCases.All[name];
        var before = await StateSnapshot.SettledAsync(host.Admin);

        using var request = hostile.ToMessage(host.Seeded);
        using var response = await host.Admin.SendAsync(request);

        var body = await HostileAssert.ProblemAsync(response, hostile.Status, hostile.Names);
        Assert.True(body.Length < 20_000, $"The refusal is {body.Length} characters long; it should name the problem, not echo the input.");
        Assert.Equal(before, await StateSnapshot.SettledAsync(host.Admin));
    }

    public static TheoryData<string> Cases() => HostileJsonCases.Names();

    private Task<HostileHost> StartAsync() => shared.StartAsync(azurite, seed: async host =>
    {
        // One negotiation waiting for its consultation to open: the target of every route that names one.
        var request = DemoNegotiations.For("Sunderland");
        host.Seeded["id"] = (await NegotiationHost.StartAsync(host.Admin, TestPace.Draft(request)))["id"]!.GetValue<string>();
        host.Seeded["partner"] = request.Partners![0]!.Id!;
    });
}
