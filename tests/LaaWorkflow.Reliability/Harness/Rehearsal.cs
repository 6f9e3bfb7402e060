using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Demo;

namespace LaaWorkflow.Reliability.Harness;

/// <summary>
/// The calendar fault runs play on: the demonstration negotiations as rehearsals on one shared pace, with their
/// consultations opening a day apart instead of ten and a three-week response window, so a run of all eleven areas
/// lasts about forty business days (about a minute) instead of the demonstration's five months.
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
    public static double SecondsPerDay { get; set; } = 1.5;

    /// <summary>The latest business instant a run is played to; far past the forty days a run needs, well before sign-off.</summary>
    public static DateTimeOffset Until => From.AddDays(180);

    /// <summary>Every demonstration request, in order, on the short timetable.</summary>
    public static IReadOnlyList<NegotiationRequest> Requests() => [.. DemoNegotiations.All().Select(Shorten)];

    private static NegotiationRequest Shorten(NegotiationRequest request, int index)
    {
        var opens = From.Date.AddDays(1 + index).AddHours(9);
        return new NegotiationRequest
        {
            Area = request.Area,
            ResponsibleAuthority = request.ResponsibleAuthority,
            GovernmentOffice = request.GovernmentOffice,
            Period = request.Period,
            LspLead = request.LspLead,
            GovernmentOfficeNegotiator = request.GovernmentOfficeNegotiator,
            Partners = request.Partners,
            Targets = request.Targets,
            Timetable = new TimetableRequest
            {
                ConsultationOpens = new DateTimeOffset(opens, TimeSpan.Zero),
                // Prompt partners answer within 13 days, before the first reminder; the late ones after a reminder or escalation.
                ResponseDeadline = new DateTimeOffset(opens.Date.AddDays(21).AddHours(17), TimeSpan.Zero),
                SignOffDeadline = request.Timetable!.SignOffDeadline,
                ReminderDaysBefore = [7, 2],
                EscalationEveryDays = 4,
            },
        };
    }
}
