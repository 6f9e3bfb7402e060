namespace LaaWorkflow.Negotiation.Domain;

/// <summary>
/// A rehearsal's calendar: the business instant <paramref name="Anchor"/> falls at the real instant
/// <paramref name="StartedAt"/>, and one business day passes every <paramref name="SecondsPerDay"/> real seconds.
/// A real negotiation has none, and its business time is real time.
/// </summary>
/// <remarks>
/// The conversion is pure arithmetic on the negotiation's own input, so an orchestration replays it identically;
/// negotiations given the same three values share one calendar.
/// </remarks>
internal sealed record Pace(DateTime Anchor, DateTime StartedAt, double SecondsPerDay)
{
    private const double SecondsInADay = 86_400;

    /// <summary>The business instant at real (engine) instant <paramref name="real"/>.</summary>
    public DateTime ToBusiness(DateTime real) =>
        Anchor + TimeSpan.FromTicks((long)Math.Round((real - StartedAt).Ticks * (SecondsInADay / SecondsPerDay)));

    /// <summary>The real (engine) instant at which the calendar reads <paramref name="business"/>.</summary>
    public DateTime ToReal(DateTime business) =>
        StartedAt + TimeSpan.FromTicks((long)Math.Round((business - Anchor).Ticks * (SecondsPerDay / SecondsInADay)));
}

/// <summary>Business time for a negotiation that may or may not be a rehearsal.</summary>
internal static class PaceExtensions
{
    public static DateTime BusinessAt(this Pace? pace, DateTime real) => pace is null ? real : pace.ToBusiness(real);

    public static DateTime RealAt(this Pace? pace, DateTime business) => pace is null ? business : pace.ToReal(business);
}
