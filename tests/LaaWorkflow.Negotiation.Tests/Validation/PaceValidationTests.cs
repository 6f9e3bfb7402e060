using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Service;
using LaaWorkflow.Negotiation.Tests.Support;
using LaaWorkflow.Negotiation.Validation;
using Microsoft.Extensions.Logging.Abstractions;

namespace LaaWorkflow.Negotiation.Tests.Validation;

public sealed class PaceValidationTests
{
    private static readonly DateTime s_now = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTimeOffset s_anchor = new(2008, 3, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Validate_PaceWithoutStartedAt_StartsTheCalendarNow()
    {
        var outcome = NegotiationValidator.Validate(Requests.Valid(pace: new PaceRequest { Anchor = s_anchor, SecondsPerDay = 2 }), s_now);

        Assert.True(outcome.IsValid);
        var pace = outcome.Value!.Pace!;
        Assert.Equal((s_anchor.UtcDateTime, s_now, 2d), (pace.Anchor, pace.StartedAt, pace.SecondsPerDay));
    }

    [Fact]
    public void Validate_PaceWithStartedAt_KeepsIt()
    {
        var startedAt = new DateTimeOffset(2026, 4, 30, 8, 0, 0, TimeSpan.Zero);

        var pace = NegotiationValidator.Validate(Requests.Valid(pace: new PaceRequest { Anchor = s_anchor, StartedAt = startedAt, SecondsPerDay = 2 }), s_now).Value!.Pace!;

        Assert.Equal(startedAt.UtcDateTime, pace.StartedAt);
    }

    [Fact]
    public void Validate_NoPace_IsARealNegotiation() =>
        Assert.Null(NegotiationValidator.Validate(Requests.Valid(), s_now).Value!.Pace);

    [Fact]
    public void Validate_PaceWithoutAnchor_NamesTheAnchor()
    {
        var errors = NegotiationValidator.Validate(Requests.Valid(pace: new PaceRequest { SecondsPerDay = 2 }), s_now).Errors!;

        Assert.Contains("Required", Assert.Single(errors["pace.anchor"]), StringComparison.Ordinal);
        Assert.Single(errors);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(86_401)]
    public void Validate_SecondsPerDayOutOfRange_NamesIt(double secondsPerDay)
    {
        var errors = NegotiationValidator.Validate(Requests.Valid(pace: new PaceRequest { Anchor = s_anchor, SecondsPerDay = secondsPerDay }), s_now).Errors!;

        Assert.Contains("Must be between", Assert.Single(errors["pace.secondsPerDay"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SecondsPerDayMissing_NamesIt()
    {
        var errors = NegotiationValidator.Validate(Requests.Valid(pace: new PaceRequest { Anchor = s_anchor }), s_now).Errors!;

        Assert.Contains("Required", Assert.Single(errors["pace.secondsPerDay"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_PaceWhereRehearsalsAreDisabled_RefusedNamingThePace()
    {
        // Refused before anything is stored or scheduled, so the service needs neither its client nor its store here.
        var service = new NegotiationService(null!, null!, TimeProvider.System, new RehearsalOptions { Enabled = false }, NullLogger<NegotiationService>.Instance);

        var result = await service.StartAsync(Requests.Valid(pace: new PaceRequest { Anchor = s_anchor, SecondsPerDay = 2 }));

        Assert.False(result.Started);
        Assert.Null(result.InstanceId);
        var error = Assert.Single(Assert.Single(result.Errors!, e => e.Key == "pace").Value);
        Assert.Contains("Rehearsals:Enabled", error, StringComparison.Ordinal);
    }
}
