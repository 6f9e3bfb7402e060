using LaaWorkflow.Negotiation.Api;

namespace LaaWorkflow.Functions.Tests.Api.Scenarios;

/// <summary>
/// A small multi-area agreement the scenarios vary: three authorities across two Government Office regions (two in the
/// North East, one in Yorkshire and the Humber), the northern one leading; a partner from each of two areas; targets
/// led by those partners and by an authority. On a compact timetable: consultation opens 3 March 2008 and answers are
/// due on the 10th, with one reminder six days before; sign-off on 31 March.
/// </summary>
internal static class MultiAreaRequests
{
    public static readonly DateTimeOffset Opens = new(2008, 3, 3, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset FirstReminder = Opens.AddDays(1);

    public const string NorthEastNegotiator = "go@go-north-east.example";
    public const string YorkshireNegotiator = "go@go-yorkshire.example";

    public static string LeadEmail(string authority) => $"lsp.lead@{authority}.example";

    public static AuthorityRequest Authority(string id, string name, string region, string negotiator) => new()
    {
        Id = id,
        Name = name,
        LspLead = new ContactRequest { Name = "LSP lead, " + name, Email = LeadEmail(id) },
        GovernmentOffice = region,
        GovernmentOfficeNegotiator = new ContactRequest { Name = "Negotiator, GO " + region, Email = negotiator },
    };

    public static PartnerRequest Partner(string id, string body, string? authority) => new()
    {
        Id = id,
        Name = "Partner " + id,
        Body = body,
        Authority = authority,
        Contact = new ContactRequest { Name = "Contact " + id, Email = $"{id}@partners.example" },
        Escalation = [new ContactRequest { Name = "Director " + id, Email = $"director.{id}@partners.example" }],
    };

    /// <summary>A designated target that improves each year (upwards; <paramref name="step"/> sets how fast).</summary>
    public static TargetRequest Target(string indicator, string lead, decimal step = 1m, decimal baseline = 50m) => new()
    {
        Indicator = indicator,
        Kind = "designated",
        LeadPartners = [lead],
        Baseline = baseline,
        Trajectory = new Dictionary<string, decimal> { ["2008/09"] = baseline + step, ["2009/10"] = baseline + (2 * step), ["2010/11"] = baseline + (3 * step) },
    };

    public static NegotiationRequest Valid() => new()
    {
        Kind = "multi-area",
        Name = "Tees and Swale",
        Period = "2008-2011",
        Themes = ["economy", "transport", "other: Tourism"],
        LeadAuthority = "darlington",
        Authorities =
        [
            Authority("darlington", "Darlington Borough Council", "North East", NorthEastNegotiator),
            Authority("hartlepool", "Hartlepool Borough Council", "North East", NorthEastNegotiator),
            Authority("north-yorkshire", "North Yorkshire County Council", "Yorkshire and the Humber", YorkshireNegotiator),
        ],
        Partners =
        [
            Partner("police", "Chief officer of police", "darlington"),
            Partner("jcp", "Jobcentre Plus (Secretary of State, employment functions)", "north-yorkshire"),
        ],
        Targets =
        [
            Target("NI 151", "jcp"),
            Target("NI 154", "hartlepool"),
            Target("NI 171", "police"),
        ],
        Timetable = new TimetableRequest
        {
            ConsultationOpens = Opens,
            ResponseDeadline = Opens.AddDays(7),
            SignOffDeadline = Opens.AddDays(28),
            ReminderDaysBefore = [6],
            EscalationEveryDays = 1,
            SignOffWarningDaysBefore = [2],
        },
    };
}
