using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Demo;

namespace LaaWorkflow.Reliability.Harness;

/// <summary>
/// The calendar fault runs play on: the demonstration negotiations as rehearsals on one shared pace, with their
/// consultations opening a day apart instead of ten and a four-week response window, so a run of all eleven areas
/// lasts three business months (about four and a half minutes; all but Westminster are signed off within two) instead of the demonstration's seven.
/// </summary>
internal static class Rehearsal
{
    /// <summary>The business instant the calendar starts from (the demonstration's).</summary>
    public static readonly DateTimeOffset From = new(2007, 11, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Real seconds per business day. Slow enough that engine latency (queue polling, a loaded machine) is a few
    /// business hours; a fault's real downtime still moves the calendar on, which the checks allow for (see
    /// <see cref="RunChecks"/>).
    /// </summary>
    public static double SecondsPerDay { get; set; } = 3;

    /// <summary>
    /// The sign-off deadline of every negotiation: Westminster's objection is never resolved in the demonstration, so
    /// its negotiation ends only here, missing the deadline; the others are signed off some seven weeks before, slack
    /// that a run under faults needs: the calendar runs on while a host is down, and Leeds' second round must still
    /// be answered and approved before this.
    /// </summary>
    public static DateTimeOffset SignOff => new(From.AddDays(90).Date.AddHours(17), TimeSpan.Zero);

    /// <summary>The latest business instant a run is played to: the sign-off deadline and a few days more.</summary>
    public static DateTimeOffset Until => SignOff.AddDays(10);

    /// <summary>Every demonstration request, in order, on the short timetable.</summary>
    public static IReadOnlyList<NegotiationRequest> Requests() => [.. DemoNegotiations.All().Select(Shorten)];

    private static NegotiationRequest Shorten(NegotiationRequest request, int index)
    {
        var opens = From.Date.AddDays(1 + index).AddHours(9);
        return request with
        {
            Timetable = new TimetableRequest
            {
                ConsultationOpens = new DateTimeOffset(opens, TimeSpan.Zero),
                // Prompt partners answer within 13 days, before the first reminder (day 18); the late ones after a
                // reminder or escalation. A reminder already past when a partner's consultation starts is never sent,
                // so the first one leaves the engine a good two weeks (about 50 s) to send the invitations.
                ResponseDeadline = new DateTimeOffset(opens.Date.AddDays(28).AddHours(17), TimeSpan.Zero),
                SignOffDeadline = SignOff,
                ReminderDaysBefore = [10, 4],
                EscalationEveryDays = 4,
            },
        };
    }
}
