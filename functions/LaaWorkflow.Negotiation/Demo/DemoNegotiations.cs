using System.Globalization;
using System.Text;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Reference;

namespace LaaWorkflow.Negotiation.Demo;

/// <summary>
/// Ready-made negotiation requests for the eleven demonstration areas of the 2008 round, each with its real Government
/// Office region, partners drawn from the partner body categories (contacts at <c>example</c> domains), 20 to 35
/// designated targets from the National Indicator Set, a few statutory and local targets, and a timetable from
/// consultation in winter 2007-08 to sign-off on 30 June 2008. Deterministic: the same call gives the same request.
/// </summary>
public static class DemoNegotiations
{
    private static readonly DateTime s_firstOpening = new(2007, 11, 26, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime s_signOff = new(2008, 6, 30, 17, 0, 0, DateTimeKind.Utc);

    // Indicators areas designated most often in the 2008 round come first; each area takes a different slice.
    private static readonly int[] s_designatedPool =
    [
        16, 15, 20, 30, 32, 39, 40, 47, 117, 152, 153, 151, 163, 171, 186, 192, 56, 55, 112, 123, 120, 121, 8, 1, 4, 5,
        6, 7, 17, 19, 18, 111, 110, 115, 116, 154, 155, 156, 167, 166, 175, 177, 188, 191, 195, 197, 135, 141, 142, 146,
        49, 33, 11, 125, 130, 139, 150, 165, 79, 80,
    ];

    private static readonly int[] s_statutory = [72, 73, 75, 87];

    /// <summary>The demonstration areas, in the order of the 2008 announcement.</summary>
    public static IReadOnlyList<string> Areas => [.. DemoAreas.All.Select(a => a.Area)];

    /// <summary>A request for every demonstration area.</summary>
    public static IReadOnlyList<NegotiationRequest> All() => [.. DemoAreas.All.Select((_, i) => Build(i))];

    /// <summary>The request for one demonstration area (by name, ignoring case).</summary>
    /// <exception cref="ArgumentException">The area is not a demonstration area.</exception>
    public static NegotiationRequest For(string area)
    {
        for (var i = 0; i < DemoAreas.All.Count; i++)
        {
            if (string.Equals(DemoAreas.All[i].Area, area, StringComparison.OrdinalIgnoreCase))
            {
                return Build(i);
            }
        }

        throw new ArgumentException($"'{area}' is not one of the demonstration areas: {string.Join(", ", Areas)}.", nameof(area));
    }

    internal static string Slug(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (c != '\'' && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().TrimEnd('-');
    }

    private static NegotiationRequest Build(int index)
    {
        var area = DemoAreas.All[index];
        var partners = area.Partners.Select(p => new PartnerRequest
        {
            Id = Slug(p.Name),
            Name = p.Name,
            Body = p.Body,
            Contact = new ContactRequest { Name = "LAA partnership officer", Email = $"laa@{Slug(p.Name)}.example" },
            Escalation =
            [
                new ContactRequest { Name = "Director of partnerships", Email = $"director@{Slug(p.Name)}.example" },
                new ContactRequest { Name = "Chief executive", Email = $"chief.executive@{Slug(p.Name)}.example" },
            ],
        }).ToList();

        var count = 20 + (index * 7 % 16);
        var designated = Enumerable.Range(0, count).Select(k => s_designatedPool[(index * 3 + k) % s_designatedPool.Length]);
        var targets = new List<TargetRequest>();
        targets.AddRange(designated.Select(n => Target(area, index, n, "designated")));
        targets.AddRange(s_statutory.Select(n => Target(area, index, n, "statutory")));
        targets.Add(new TargetRequest
        {
            Indicator = $"Residents who feel informed about local public services in {area.Area}",
            Kind = "local",
            LeadPartners = [Lead(area, DemoRole.Health)],
            Baseline = 42,
            Trajectory = Years(42, 2, true),
            HigherIsBetter = true,
        });

        var opens = s_firstOpening.AddDays(10 * index);
        var authority = Slug(area.ResponsibleAuthority);
        return new NegotiationRequest
        {
            Area = area.Area,
            ResponsibleAuthority = area.ResponsibleAuthority,
            GovernmentOffice = area.GovernmentOffice,
            Period = "2008-2011",
            LspLead = new ContactRequest { Name = "LSP lead officer", Email = $"lsp.lead@{authority}.example" },
            LspLeadEscalation = [new ContactRequest { Name = "Chief executive, " + area.ResponsibleAuthority, Email = $"chief.executive@{authority}.example" }],
            GovernmentOfficeNegotiator = new ContactRequest
            {
                Name = "LAA negotiator, Government Office " + area.GovernmentOffice,
                Email = $"laa.negotiator@go-{Slug(area.GovernmentOffice)}.example",
            },
            Partners = partners,
            Targets = targets,
            Timetable = new TimetableRequest
            {
                ConsultationOpens = new DateTimeOffset(opens),
                ResponseDeadline = new DateTimeOffset(opens.Date.AddDays(42).AddHours(17), TimeSpan.Zero),
                SignOffDeadline = new DateTimeOffset(s_signOff),
                ReminderDaysBefore = [14, 7, 2],
                EscalationEveryDays = 5,
            },
        };
    }

    private static TargetRequest Target(DemoArea area, int index, int number, string kind)
    {
        var code = "NI " + number.ToString(CultureInfo.InvariantCulture);
        _ = NationalIndicatorSet.TryGet(code, out var indicator);
        var baseline = Math.Round(5 + ((number * 37 + index * 11) % 700) / 10m, 1);
        // Every demonstration target plans for improvement: in the indicator's own direction where the reference data
        // knows it; otherwise the lead says which way is better (here: down for harms, up for the rest).
        var known = indicator?.HigherIsBetter;
        var higherIsBetter = known ?? indicator?.Theme is not ("Safer communities" or "Adult health and wellbeing");
        return new TargetRequest
        {
            Indicator = code,
            Kind = kind,
            LeadPartners = [Lead(area, LeadRole(number, indicator?.Theme))],
            Baseline = baseline,
            Trajectory = Years(baseline, Math.Max(0.1m, Math.Round(baseline * 0.03m, 1)), higherIsBetter),
            HigherIsBetter = known is null ? higherIsBetter : null,
        };
    }

    private static Dictionary<string, decimal> Years(decimal baseline, decimal step, bool up) => new()
    {
        ["2008/09"] = baseline + (up ? step : -step),
        ["2009/10"] = baseline + (up ? 2 * step : -2 * step),
        ["2010/11"] = baseline + (up ? 3 * step : -3 * step),
    };

    private static DemoRole[] LeadRole(int number, string? theme) => (number, theme) switch
    {
        (18 or 19, _) => [DemoRole.Probation],
        (33 or 49, _) => [DemoRole.Fire],
        (39 or 40, _) => [DemoRole.Health],
        (47 or 48 or 175 or 177, _) => [DemoRole.Transport, DemoRole.Police],
        (111, _) => [DemoRole.Police],
        (8, _) => [DemoRole.Sport, DemoRole.Health],
        (11, _) => [DemoRole.Culture, DemoRole.Economy],
        (141 or 142, _) => [DemoRole.Probation],
        ( >= 146 and <= 153, _) => [DemoRole.Employment],
        ( >= 163 and <= 165, _) => [DemoRole.Skills],
        ( >= 154 and <= 160, _) => [DemoRole.District, DemoRole.Economy],
        ( >= 185 and <= 197, _) => [DemoRole.District, DemoRole.Environment, DemoRole.Economy],
        (79 or 80 or 117, _) => [DemoRole.Skills],
        ( >= 1 and <= 5, _) => [DemoRole.PoliceAuthority, DemoRole.Police],
        (_, "Safer communities") => [DemoRole.Police],
        (_, "Adult health and wellbeing") => [DemoRole.Health],
        (_, "Children and young people") => [DemoRole.Skills, DemoRole.Health],
        (_, "Local economy") => [DemoRole.Economy],
        (_, "Tackling exclusion and promoting equality") => [DemoRole.Health],
        _ => [DemoRole.Culture, DemoRole.Economy],
    };

    private static string Lead(DemoArea area, params DemoRole[] roles)
    {
        foreach (var role in roles)
        {
            if (area.Partners.FirstOrDefault(p => p.Role == role) is { } partner)
            {
                return Slug(partner.Name);
            }
        }

        return Slug(area.Partners[0].Name);
    }
}
