using LaaWorkflow.Negotiation.Api;

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

    /// <summary>The compact timetable: opens 3 March, answers due 7 March, sign-off 10 March; reminders 3 and 1 days before, escalation daily.</summary>
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

    public static TargetRequest Target(string indicator, string lead, string kind = "designated", decimal baseline = 10m) => new()
    {
        Indicator = indicator,
        Kind = kind,
        LeadPartners = [lead],
        Baseline = baseline,
        Trajectory = new Dictionary<string, decimal> { ["2008/09"] = baseline + 1, ["2009/10"] = baseline + 2, ["2010/11"] = baseline + 3 },
    };

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
    public static NegotiationRequest WithPace(NegotiationRequest request, PaceRequest? pace) => new()
    {
        Area = request.Area,
        ResponsibleAuthority = request.ResponsibleAuthority,
        GovernmentOffice = request.GovernmentOffice,
        Period = request.Period,
        LspLead = request.LspLead,
        GovernmentOfficeNegotiator = request.GovernmentOfficeNegotiator,
        Partners = request.Partners,
        Targets = request.Targets,
        Timetable = request.Timetable,
        Pace = pace,
    };
}
