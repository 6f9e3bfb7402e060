using LaaWorkflow.Negotiation.Api;

namespace LaaWorkflow.Simulation.Driving;

/// <summary>
/// The business calendar every negotiation of a run shares: the business instant <see cref="Anchor"/> falls at the
/// real instant <see cref="StartedAt"/>, and a business day passes every <see cref="SecondsPerDay"/> real seconds.
/// The same arithmetic as the negotiation's own pace, so the driver acts when the hosts' calendar reads the same.
/// </summary>
internal sealed record RoundCalendar(DateTimeOffset Anchor, DateTimeOffset StartedAt, double SecondsPerDay)
{
    private const double SecondsInADay = 86_400;

    public DateTimeOffset BusinessAt(DateTimeOffset real) =>
        Anchor + TimeSpan.FromTicks((long)Math.Round((real - StartedAt).Ticks * (SecondsInADay / SecondsPerDay)));

    public DateTimeOffset RealAt(DateTimeOffset business) =>
        StartedAt + TimeSpan.FromTicks((long)Math.Round((business - Anchor).Ticks * (SecondsPerDay / SecondsInADay)));

    public DateTimeOffset BusinessNow => BusinessAt(DateTimeOffset.UtcNow);

    /// <summary>A real duration in business hours on this calendar.</summary>
    public double BusinessHours(TimeSpan real) => real.TotalSeconds * (SecondsInADay / SecondsPerDay) / 3600;

    /// <summary>The pace a request carries to run on this calendar.</summary>
    public PaceRequest Pace => new() { Anchor = Anchor, StartedAt = StartedAt, SecondsPerDay = SecondsPerDay };

    /// <summary>A copy of <paramref name="request"/> on this calendar.</summary>
    public NegotiationRequest Rehearse(NegotiationRequest request) => request with { Pace = Pace };
}
