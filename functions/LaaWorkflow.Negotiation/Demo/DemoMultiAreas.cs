using System.Globalization;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Reference;
using LaaWorkflow.Negotiation.Validation;

namespace LaaWorkflow.Negotiation.Demo;

/// <summary>
/// A ready-made Multi-Area Agreement for the rehearsal: Tees Valley, one of the first seven MAAs (signed July 2008),
/// with its five real member authorities, all in the Government Office for the North East. The partners are regional
/// and national partner bodies; contacts are invented, at <c>example</c> domains. Which authority leads is the demo's
/// choice (Stockton-on-Tees), not a historical claim.
/// </summary>
public static class DemoMultiAreas
{
    private const string Region = "North East";

    private static readonly (string Id, string Name)[] s_authorities =
    [
        ("darlington", "Darlington Borough Council"),
        ("hartlepool", "Hartlepool Borough Council"),
        ("middlesbrough", "Middlesbrough Council"),
        ("redcar-and-cleveland", "Redcar and Cleveland Borough Council"),
        ("stockton-on-tees", "Stockton-on-Tees Borough Council"),
    ];

    /// <summary>The Tees Valley MAA as a request: consultation from February 2008, sign-off on 30 June 2008.</summary>
    public static NegotiationRequest TeesValley()
    {
        var opens = new DateTime(2008, 2, 4, 9, 0, 0, DateTimeKind.Utc);
        return new NegotiationRequest
        {
            Kind = NegotiationValidator.MultiAreaKind,
            Name = "Tees Valley",
            Period = "2008-2011",
            Themes = ["economy", "housing", "transport", "skills"],
            LeadAuthority = "stockton-on-tees",
            Authorities =
            [
                .. s_authorities.Select(a => new AuthorityRequest
                {
                    Id = a.Id,
                    Name = a.Name,
                    LspLead = new ContactRequest { Name = "LSP lead officer, " + a.Name, Email = $"lsp.lead@{a.Id}.example" },
                    GovernmentOffice = Region,
                    GovernmentOfficeNegotiator = new ContactRequest { Name = "MAA negotiator, Government Office North East", Email = "maa.negotiator@go-north-east.example" },
                    Escalation = [new ContactRequest { Name = "Chief executive, " + a.Name, Email = $"chief.executive@{a.Id}.example" }],
                }),
            ],
            LspLeadEscalation = [new ContactRequest { Name = "Chief executive, Stockton-on-Tees Borough Council", Email = "chief.executive@stockton-on-tees.example" }],
            Partners =
            [
                Partner("one-northeast", "One NorthEast", "Regional Development Agency", "middlesbrough"),
                Partner("lsc-tees-valley", "Learning and Skills Council Tees Valley", "Learning and Skills Council", "middlesbrough"),
                Partner("jobcentre-plus-tees-valley", "Jobcentre Plus Tees Valley", "Jobcentre Plus (Secretary of State, employment functions)", "stockton-on-tees"),
                Partner("highways-agency", "Highways Agency", "Highways Agency (Secretary of State, highway and traffic functions)", "darlington"),
            ],
            Targets =
            [
                Target(151, 68.1m, "jobcentre-plus-tees-valley"),
                Target(152, 19.4m, "jobcentre-plus-tees-valley", "one-northeast"),
                Target(163, 64.2m, "lsc-tees-valley"),
                Target(171, 38.5m, "one-northeast"),
                Target(154, 1550m, "stockton-on-tees", "middlesbrough"),
                Target(155, 310m, "hartlepool", "redcar-and-cleveland"),
                Target(167, 3.6m, "highways-agency", "darlington"),
                Target(175, 71.0m, "redcar-and-cleveland", "darlington"),
            ],
            Timetable = new TimetableRequest
            {
                ConsultationOpens = new DateTimeOffset(opens),
                ResponseDeadline = new DateTimeOffset(opens.AddDays(42).Date.AddHours(17), TimeSpan.Zero),
                SignOffDeadline = new DateTimeOffset(2008, 6, 30, 17, 0, 0, TimeSpan.Zero),
                ReminderDaysBefore = [14, 7, 2],
                EscalationEveryDays = 5,
            },
        };
    }

    private static PartnerRequest Partner(string id, string name, string body, string authority) => new()
    {
        Id = id,
        Name = name,
        Body = body,
        Authority = authority,
        Contact = new ContactRequest { Name = "MAA partnership officer", Email = $"maa@{id}.example" },
        Escalation = [new ContactRequest { Name = "Director, " + name, Email = $"director@{id}.example" }],
    };

    /// <summary>A designated target that improves each year in the indicator's own direction.</summary>
    private static TargetRequest Target(int number, decimal baseline, params string[] leads)
    {
        var code = "NI " + number.ToString(CultureInfo.InvariantCulture);
        var higher = NationalIndicatorSet.TryGet(code, out var indicator) ? indicator.HigherIsBetter : null;
        var step = Math.Max(0.1m, Math.Round(baseline * 0.03m, 1)) * (higher == false ? -1 : 1);
        return new TargetRequest
        {
            Indicator = code,
            Kind = "designated",
            LeadPartners = leads,
            Baseline = baseline,
            Trajectory = new Dictionary<string, decimal> { ["2008/09"] = baseline + step, ["2009/10"] = baseline + (2 * step), ["2010/11"] = baseline + (3 * step) },
            HigherIsBetter = higher is null ? true : null,
        };
    }
}
