using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Reference;

namespace LaaWorkflow.Negotiation.Tests.Support;

/// <summary>
/// A small, valid negotiation (three partners, four targets) that tests vary one field at a time: on the realistic
/// 2008 timetable for validation, or on a compact one that a rehearsal plays in seconds.
/// </summary>
internal static class Requests
{
    public static readonly DateTime Opens = new(2008, 3, 3, 9, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime ResponseDeadline = new(2008, 4, 14, 17, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime SignOff = new(2008, 6, 30, 17, 0, 0, DateTimeKind.Utc);

    /// <summary>Where a scenario's calendar starts: half a business day before its consultation opens.</summary>
    public static readonly DateTime Start = new(2008, 3, 2, 21, 0, 0, DateTimeKind.Utc);

    /// <summary>The compact timetable: opens 3 March, answers due 7 March, sign-off 10 March; reminders 3 and 1 days before, escalation daily, sign-off warning on 8 March.</summary>
    public static class Compact
    {
        public static readonly DateTime Opens = new(2008, 3, 3, 9, 0, 0, DateTimeKind.Utc);
        public static readonly DateTime ResponseDeadline = new(2008, 3, 7, 9, 0, 0, DateTimeKind.Utc);
        public static readonly DateTime SignOff = new(2008, 3, 10, 9, 0, 0, DateTimeKind.Utc);
        public static readonly IReadOnlyList<int> ReminderDaysBefore = [3, 1];
        public const int EscalationEveryDays = 1;

        public static TimetableRequest Timetable(DateTime? opens = null, DateTime? response = null, DateTime? signOff = null) => new()
        {
            ConsultationOpens = opens ?? Opens,
            ResponseDeadline = response ?? ResponseDeadline,
            SignOffDeadline = signOff ?? SignOff,
            ReminderDaysBefore = ReminderDaysBefore,
            EscalationEveryDays = EscalationEveryDays,
            // A week from opening to sign-off: the usual warning a week before would come with the invitations.
            SignOffWarningDaysBefore = [2],
        };

        public static NegotiationRequest Valid(
            IReadOnlyList<PartnerRequest?>? partners = null,
            IReadOnlyList<TargetRequest?>? targets = null,
            TimetableRequest? timetable = null) =>
            Requests.Valid(partners, targets, timetable ?? Timetable());
    }

    public const string LeadEmail = "lead@sunderland.example";
    public const string GoEmail = "go@gone.example";

    public static PartnerRequest Partner(string id, string body = "Chief officer of police", string? email = null) => new()
    {
        Id = id,
        Name = "Partner " + id,
        Body = body,
        Contact = new ContactRequest { Name = "Contact " + id, Email = email ?? $"{id}@partners.example" },
        Escalation =
        [
            new ContactRequest { Name = "Director " + id, Email = $"director.{id}@partners.example" },
            new ContactRequest { Name = "Chief executive " + id, Email = $"chief.{id}@partners.example" },
        ],
    };

    /// <summary>A target that improves year on year: down where the indicator improves as it falls, else up (saying so where the reference data does not).</summary>
    public static TargetRequest Target(string indicator, string lead, string kind = "designated", decimal baseline = 10m)
    {
        var known = NationalIndicatorSet.TryGet(indicator, out var reference) ? reference.HigherIsBetter : null;
        var step = known == false ? -1 : 1;
        return new()
        {
            Indicator = indicator,
            Kind = kind,
            LeadPartners = [lead],
            Baseline = baseline,
            Trajectory = new Dictionary<string, decimal> { ["2008/09"] = baseline + step, ["2009/10"] = baseline + (2 * step), ["2010/11"] = baseline + (3 * step) },
            HigherIsBetter = known is null && kind != "local" ? true : null,
        };
    }

    public static IReadOnlyList<TargetRequest> Targets() =>
    [
        Target("NI 16", "police"),
        Target("NI 39", "pct"),
        Target("NI 152", "jcp"),
        Target("NI 72", "jcp", kind: "statutory"),
    ];

    public static NegotiationRequest Valid(
        IReadOnlyList<PartnerRequest?>? partners = null,
        IReadOnlyList<TargetRequest?>? targets = null,
        TimetableRequest? timetable = null,
        string area = "Sunderland",
        PaceRequest? pace = null) => new()
        {
            Area = area,
            ResponsibleAuthority = "Sunderland City Council",
            GovernmentOffice = "North East",
            Period = "2008-2011",
            LspLead = new ContactRequest { Name = "A. Lead", Email = LeadEmail },
            GovernmentOfficeNegotiator = new ContactRequest { Name = "G. Officer", Email = GoEmail },
            Partners = partners ?? [Partner("police"), Partner("pct", "Primary Care Trust"), Partner("jcp", "Jobcentre Plus (Secretary of State, employment functions)")],
            Targets = targets ?? Targets(),
            Timetable = timetable ?? Timetable(),
            Pace = pace,
        };

    public static TimetableRequest Timetable(DateTime? opens = null, DateTime? response = null, DateTime? signOff = null) => new()
    {
        ConsultationOpens = opens ?? Opens,
        ResponseDeadline = response ?? ResponseDeadline,
        SignOffDeadline = signOff ?? SignOff,
        ReminderDaysBefore = [14, 7, 2],
        EscalationEveryDays = 5,
    };

    /// <summary>The same request as a rehearsal on <paramref name="pace"/>.</summary>
    public static NegotiationRequest WithPace(NegotiationRequest request, PaceRequest? pace) => request with { Pace = pace };
}
