using LaaWorkflow.Negotiation.Api;

namespace LaaWorkflow.Functions.Tests.Infrastructure;

/// <summary>
/// A rehearsal calendar for a test's negotiations (the API's <c>pace</c>): the business instant <paramref name="Anchor"/>
/// at the real instant <paramref name="StartedAt"/>, one business day every <paramref name="SecondsPerDay"/> real seconds.
/// The test computes the same calendar the orchestrations do, so it knows when business instants come.
/// </summary>
internal sealed record TestPace(DateTimeOffset Anchor, DateTimeOffset StartedAt, double SecondsPerDay)
{
    /// <summary>
    /// Ten real minutes a business day: a test's steps all happen within a business hour or two of the anchor, so a
    /// deadline weeks away never comes on a busy machine, and what the calendar stamps stays close to the anchor.
    /// </summary>
    public const double Still = 600;

    /// <summary>Before the first demonstration area's consultation opens (26 November 2007): negotiations sit in draft.</summary>
    public static readonly DateTimeOffset BeforeTheRound = new(2007, 11, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A calendar that reads <paramref name="anchor"/> now.</summary>
    public static TestPace At(DateTimeOffset anchor, double secondsPerDay = Still) => new(anchor, DateTimeOffset.UtcNow, secondsPerDay);

    /// <summary>The business instant now.</summary>
    public DateTimeOffset Now => Anchor + ((DateTimeOffset.UtcNow - StartedAt) * (86_400 / SecondsPerDay));

    /// <summary>The real instant at which the calendar reads <paramref name="business"/>.</summary>
    public DateTimeOffset RealAt(DateTimeOffset business) => StartedAt + ((business - Anchor) * (SecondsPerDay / 86_400));

    /// <summary>How much real time a span of business time takes on this calendar.</summary>
    public TimeSpan RealSpan(TimeSpan business) => business * (SecondsPerDay / 86_400);

    /// <summary><paramref name="request"/> as a rehearsal on this calendar.</summary>
    public NegotiationRequest On(NegotiationRequest request) =>
        request with { Pace = new PaceRequest { Anchor = Anchor, StartedAt = StartedAt, SecondsPerDay = SecondsPerDay } };

    /// <summary>
    /// <paramref name="request"/> with its consultation open from the start, on a still calendar: the state the
    /// tests act in (answers, decisions, links), with its deadlines far off.
    /// </summary>
    public static NegotiationRequest Consulting(NegotiationRequest request) =>
        At(request.Timetable!.ConsultationOpens!.Value.AddHours(1)).On(request);

    /// <summary><paramref name="request"/> waiting, in draft, for its consultation to open (days of real time away).</summary>
    public static NegotiationRequest Draft(NegotiationRequest request) => At(BeforeTheRound).On(request);

    /// <summary>Waits (real time) until the calendar reads <paramref name="business"/>, failing if that is far off.</summary>
    public async Task WaitUntilAsync(DateTimeOffset business, TimeSpan? deadline = null)
    {
        var wait = RealAt(business) - DateTimeOffset.UtcNow;
        if (wait > (deadline ?? TimeSpan.FromMinutes(1)))
        {
            throw new ArgumentOutOfRangeException(nameof(business), $"{business:O} comes {wait} from now on this calendar; choose a brisker pace.");
        }

        await Eventually.WaitUntilAsync(() => Task.FromResult(Now >= business), wait + TimeSpan.FromSeconds(5));
    }
}
