using System.Globalization;
using System.Text;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Reference;
using LaaWorkflow.Negotiation.Validation;

namespace LaaWorkflow.Simulation.Areas;

/// <summary>
/// Generates the areas of a national round from a seed: the same seed gives the same areas, partners, targets, timetable
/// and behaviour. Area names are generated ("Area 017, North West"); the partner bodies and indicators are the shipped
/// reference data (the s104 partner authorities and the 2008 National Indicator Set).
/// </summary>
internal static class AreaGenerator
{
    /// <summary>The first consultation opens on this day; the others open within the following 100 days.</summary>
    public static readonly DateTimeOffset FirstOpening = new(2007, 11, 26, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Every agreement must be signed off by this time.</summary>
    public static readonly DateTimeOffset SignOff = new(2008, 6, 30, 17, 0, 0, TimeSpan.Zero);

    private static readonly string[] s_statutory = ["NI 72", "NI 73", "NI 75", "NI 87"];

    public static IReadOnlyList<SimulatedArea> Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => Area(i, random))];
    }

    /// <summary>Draws an area's fate: mostly agreed, a few disputes, a few misses (shares chosen to look like a round).</summary>
    internal static AreaFate DrawFate(Random random) => random.Next(100) switch
    {
        < 74 => AreaFate.Agreed,
        < 82 => AreaFate.ChangesRequested,
        < 87 => AreaFate.ObjectionResolved,
        < 91 => AreaFate.GovernmentOfficeRejectsFirst,
        < 95 => AreaFate.ObjectionStands,
        _ => AreaFate.PartnerSilent,
    };

    private static SimulatedArea Area(int index, Random random)
    {
        var region = GovernmentOfficeRegions.All[random.Next(GovernmentOfficeRegions.All.Count)];
        var name = string.Create(CultureInfo.InvariantCulture, $"Area {index + 1:D3}, {region}");
        var slug = Slug(name);
        var partners = Partners(random, random.Next(15, 41), region);
        var targets = Targets(random, partners, random.Next(20, 36), name);
        var opens = FirstOpening.AddDays(random.Next(0, 101));
        var request = new NegotiationRequest
        {
            Area = name,
            ResponsibleAuthority = $"{name} Council",
            GovernmentOffice = region,
            Period = "2008-2011",
            LspLead = new ContactRequest { Name = "LSP lead officer", Email = $"lsp.lead@{slug}.example" },
            GovernmentOfficeNegotiator = new ContactRequest { Name = "LAA negotiator", Email = $"laa.negotiator.{slug}@go-{Slug(region)}.example" },
            Partners = partners,
            Targets = targets,
            Timetable = new TimetableRequest
            {
                ConsultationOpens = opens,
                ResponseDeadline = new DateTimeOffset(opens.UtcDateTime.Date.AddDays(42).AddHours(17), TimeSpan.Zero),
                SignOffDeadline = SignOff,
                ReminderDaysBefore = [14, 7, 2],
                EscalationEveryDays = 5,
            },
        };

        var fate = DrawFate(random);
        var special = fate == AreaFate.Agreed ? null : partners[random.Next(partners.Count)].Id!;
        var behaviour = partners.Select(p => new SimulatedPartner(
            p.Id!,
            random.Next(100) switch
            {
                < 84 => PartnerTiming.OnTime,
                < 95 => PartnerTiming.AfterReminder,
                _ => PartnerTiming.AfterEscalation,
            },
            random.Next(1, 15))).ToList();
        return new SimulatedArea(index, name, request, fate, behaviour, special);
    }

    /// <summary>The area's partner bodies: the local core, the national bodies, then district councils and NHS trusts to the count.</summary>
    private static List<PartnerRequest> Partners(Random random, int count, string region)
    {
        var local = PartnerBodies.All.Where(b => b.Category == "local" && !b.Body.StartsWith("District", StringComparison.Ordinal)
            && b.Body is not ("Broads Authority" or "Transport for London" or "Metropolitan passenger transport authority" or "National Park authority" or "Joint waste authority"));
        var national = PartnerBodies.All.Where(b => b.Category == "national");
        var core = local.Concat(national).ToList();
        if (region == "London")
        {
            core.Add(Body("Transport for London"));
        }
        else if (random.Next(3) == 0)
        {
            core.Add(Body("Metropolitan passenger transport authority"));
        }

        // Keep a random subset of the core when the count is small, in a stable order.
        var chosen = core.OrderBy(_ => random.Next()).Take(Math.Min(core.Count, count - 2)).ToList();
        var result = chosen.Select(b => Partner(b, b.Body)).ToList();
        var district = Body("District council (two-tier areas)");
        var hospital = Body("NHS trust providing hospital services in the area");
        var foundation = Body("NHS foundation trust providing hospital services in the area");
        for (var n = 1; result.Count < count; n++)
        {
            result.Add(n % 4 == 0
                ? Partner(n % 8 == 0 ? foundation : hospital, $"Hospital trust {n / 4}")
                : Partner(district, $"District council {n - (n / 4)}"));
        }

        return result;
    }

    private static PartnerRequest Partner(PartnerBody body, string name)
    {
        var id = Slug(name);
        return new PartnerRequest
        {
            Id = id,
            Name = name,
            Body = body.Body,
            Contact = new ContactRequest { Name = "LAA partnership officer", Email = $"laa@{id}.example" },
            Escalation =
            [
                new ContactRequest { Name = "Director of partnerships", Email = $"director@{id}.example" },
                new ContactRequest { Name = "Chief executive", Email = $"chief.executive@{id}.example" },
            ],
        };
    }

    private static PartnerBody Body(string name) => PartnerBodies.Find(name)
        ?? throw new InvalidOperationException($"'{name}' is not in the shipped partner bodies.");

    private static List<TargetRequest> Targets(Random random, List<PartnerRequest> partners, int designated, string area)
    {
        var pool = NationalIndicatorSet.All.Where(i => !NationalIndicatorSet.StatutoryEducationCodes.Contains(i.Code)).ToList();
        var targets = pool.OrderBy(_ => random.Next()).Take(designated)
            .Select(i => Target(random, partners, i.Code, "designated"))
            .Concat(s_statutory.Select(code => Target(random, partners, code, "statutory")))
            .ToList();
        var local = Target(random, partners, $"Residents who feel informed about local public services in {area}", "local");
        targets.Add(local);
        return targets;
    }

    private static TargetRequest Target(Random random, List<PartnerRequest> partners, string indicator, string kind)
    {
        var baseline = Math.Round(5 + (random.Next(700) / 10m), 1);
        var step = Math.Max(0.1m, Math.Round(baseline * 0.03m, 1));
        // Plans for improvement: the indicator's own direction where the reference data knows it, else the lead's word.
        var known = NationalIndicatorSet.TryGet(indicator, out var reference) ? reference.HigherIsBetter : null;
        var up = known ?? random.Next(3) != 0;
        var leads = random.Next(4) == 0
            ? new[] { partners[random.Next(partners.Count)].Id, partners[random.Next(partners.Count)].Id }.Distinct().ToList()
            : [partners[random.Next(partners.Count)].Id];
        return new TargetRequest
        {
            Indicator = indicator,
            Kind = kind,
            LeadPartners = leads,
            Baseline = baseline,
            Trajectory = new Dictionary<string, decimal>
            {
                ["2008/09"] = baseline + (up ? step : -step),
                ["2009/10"] = baseline + (up ? 2 * step : -2 * step),
                ["2010/11"] = baseline + (up ? 3 * step : -3 * step),
            },
            HigherIsBetter = known is null ? up : null,
        };
    }

    /// <summary>The LSP lead's revision: the last year of every target the disputing partner leads eased by a tenth.</summary>
    public static IReadOnlyList<TargetRequest?> Revise(IReadOnlyList<TargetRequest?> targets, string? disputingPartner, int revision) =>
    [
        .. targets.Select(t => t is null || t.Trajectory is null || t.Baseline is not { } baseline
            || (disputingPartner is not null && t.LeadPartners?.Contains(disputingPartner) != true)
            ? t
            : t with
            {
                Trajectory = t.Trajectory.ToDictionary(
                    pair => pair.Key,
                    pair => pair.Key == "2010/11" ? Math.Round(pair.Value - ((pair.Value - baseline) / (10m * revision)), 2) : pair.Value),
            }),
    ];

    internal static string Slug(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().TrimEnd('-');
    }
}
