using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Tests.Support;
using LaaWorkflow.Negotiation.Validation;

namespace LaaWorkflow.Negotiation.Tests.Validation;

public sealed class RefreshValidationTests
{
    private static readonly Agreement s_agreed = NegotiationValidator.Validate(Requests.Valid()).Value!;

    private static RefreshRequest Refresh(IReadOnlyList<TargetRequest?>? targets = null, string? year = "2009") => new()
    {
        Year = year,
        Targets = targets ?? [Requests.Target("NI 16", "police", baseline: 12m), .. Requests.Targets().Skip(1)],
        Timetable = Requests.Timetable(new DateTime(2009, 1, 12, 9, 0, 0, DateTimeKind.Utc), new DateTime(2009, 2, 13, 17, 0, 0, DateTimeKind.Utc), new DateTime(2009, 3, 31, 17, 0, 0, DateTimeKind.Utc)),
    };

    [Fact]
    public void ValidateRefresh_OneTargetChanged_KeepsThePartnersAndRecordsThePreviousVersion()
    {
        var outcome = NegotiationValidator.ValidateRefresh(Refresh(), "sunderland-1", s_agreed, DateTime.UtcNow);

        Assert.True(outcome.IsValid, string.Join("; ", outcome.Errors?.Select(e => e.Key + ": " + string.Join(",", e.Value)) ?? []));
        var refreshed = outcome.Value!;
        Assert.Equal(s_agreed.Partners, refreshed.Partners);
        Assert.Equal(new Refresh("sunderland-1", "sunderland-1", 2, "2009", s_agreed.Targets), refreshed.Refresh! with { PreviousTargets = s_agreed.Targets });
        Assert.Same(s_agreed.Targets, refreshed.Refresh!.PreviousTargets);
        Assert.Equal(new DateTime(2009, 3, 31, 17, 0, 0, DateTimeKind.Utc), refreshed.Timetable.SignOffDeadline);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("09")]
    [InlineData("2008")]
    [InlineData("2011")]
    public void ValidateRefresh_YearMissingOrOutsideThePeriod_NamesTheYear(string? year) =>
        Assert.NotNull(NegotiationValidator.ValidateRefresh(Refresh(year: year), "s", s_agreed, DateTime.UtcNow).Errors!["year"]);

    [Fact]
    public void ValidateRefresh_NothingChanged_SaysSoUnderTargets()
    {
        var errors = NegotiationValidator.ValidateRefresh(Refresh(Requests.Targets()), "s", s_agreed, DateTime.UtcNow).Errors!;

        Assert.StartsWith("Nothing changed", Assert.Single(errors["targets"]), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRefresh_LeadPartnerNotInTheAgreement_NamesIt()
    {
        var errors = NegotiationValidator.ValidateRefresh(Refresh([.. Requests.Targets(), Requests.Target("NI 40", "fire")]), "s", s_agreed, DateTime.UtcNow).Errors!;

        Assert.Contains(errors.Keys, key => key.StartsWith("targets[4].leadPartners", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateRefresh_OfARefresh_IsTheNextVersionOfTheSameOriginal()
    {
        var refreshed = NegotiationValidator.ValidateRefresh(Refresh(), "orig", s_agreed, DateTime.UtcNow).Value!;

        var next = NegotiationValidator.ValidateRefresh(Refresh([.. Requests.Targets().Take(3)], year: "2010"), "orig-refresh-2009", refreshed, DateTime.UtcNow);

        Assert.True(next.IsValid);
        Assert.Equal(("orig-refresh-2009", "orig", 3, "2010"), (next.Value!.Refresh!.Of, next.Value.Refresh.Original, next.Value.Refresh.Version, next.Value.Refresh.Year));
        Assert.NotNull(NegotiationValidator.ValidateRefresh(Refresh(year: "2009"), "orig-refresh-2009", refreshed, DateTime.UtcNow).Errors!["year"]);
    }
}
