using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Reference;

namespace LaaWorkflow.Negotiation.Validation;

/// <summary>
/// Checks a negotiation request against the LAA rules and reports every problem at once, each under the field it
/// concerns, so the LSP lead can fix the whole draft in one go. Produces the validated <see cref="Agreement"/> only
/// when there is nothing to report.
/// </summary>
internal static partial class NegotiationValidator
{
    /// <summary>At most 35 designated improvement targets (LAA guidance, 2008 round).</summary>
    public const int MaxDesignatedTargets = 35;

    /// <summary>More partners than any partnership has; a bound so one request cannot flood the negotiation with mail.</summary>
    public const int MaxPartners = 100;

    /// <summary>Designated, statutory and local targets together.</summary>
    public const int MaxTargets = 100;

    /// <summary>Rungs on one partner's escalation ladder.</summary>
    public const int MaxEscalationRungs = 10;

    /// <summary>Names, areas and local indicator texts: one line, this long at most (they reach email subjects and headers).</summary>
    public const int MaxTextLength = 200;

    /// <summary>Reminder and escalation intervals, in days.</summary>
    public const int MaxDays = 365;

    /// <summary>The longest justification of a worsening trajectory, in characters.</summary>
    public const int MaxJustificationLength = 2000;

    private static readonly DateTimeOffset s_earliestDate = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_latestDate = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal static readonly IReadOnlyList<int> DefaultReminderDaysBefore = [14, 7, 2];
    internal const int DefaultEscalationEveryDays = 5;

    /// <summary>Faster than this, the engine's timer and polling delays of a fraction of a second span business hours.</summary>
    internal const double MinSecondsPerDay = 0.05;

    /// <summary>A day a day: real time.</summary>
    internal const double MaxSecondsPerDay = 86_400;

    /// <summary>Checks a draft agreement and, for a rehearsal, its pace.</summary>
    /// <param name="request">The request as it came off the wire.</param>
    /// <param name="now">The real instant a rehearsal's calendar starts at when the request gives none.</param>
    public static ValidationOutcome<Agreement> Validate(NegotiationRequest? request, DateTime? now = null)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("body", "The request body is missing or is not a JSON object.");
            return ValidationOutcome<Agreement>.Invalid(errors);
        }

        switch (ParseAgreementKind(errors, request.Kind))
        {
            case null:
                return ValidationOutcome<Agreement>.Invalid(errors);
            case true:
                return ValidateMultiArea(errors, request, now ?? DateTime.UtcNow);
            default:
                RefuseMultiAreaFields(errors, request);
                break;
        }

        var area = Required(errors, "area", request.Area);
        var authority = Required(errors, "responsibleAuthority", request.ResponsibleAuthority);
        var region = ValidateRegion(errors, request.GovernmentOffice);
        var years = ValidatePeriod(errors, request.Period);
        var lead = ValidateContact(errors, "lspLead", request.LspLead);
        var leadLadder = ValidateLadder(errors, "lspLeadEscalation", request.LspLeadEscalation);
        var negotiator = ValidateContact(errors, "governmentOfficeNegotiator", request.GovernmentOfficeNegotiator);
        var partners = ValidatePartners(errors, request.Partners);
        var targets = ValidateTargets(errors, "targets", request.Targets, partners.Select(p => p.Id).ToHashSet(StringComparer.Ordinal), years);
        var timetable = ValidateTimetable(errors, request.Timetable);
        var pace = ValidatePace(errors, request.Pace, now ?? DateTime.UtcNow);

        return errors.IsEmpty
            ? ValidationOutcome<Agreement>.Valid(new Agreement(
                area!, authority!, region!, request.Period!.Trim(), lead!, negotiator!, partners, targets, timetable!, pace, leadLadder))
            : ValidationOutcome<Agreement>.Invalid(errors);
    }

    /// <summary>Checks a revision's targets against the agreement's partners and period.</summary>
    public static ValidationOutcome<IReadOnlyList<Target>> ValidateRevision(RevisionRequest? request, Agreement agreement)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("body", "The request body is missing or is not a JSON object.");
            return ValidationOutcome<IReadOnlyList<Target>>.Invalid(errors);
        }

        var partnerIds = agreement.Partners.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var targets = ValidateTargets(errors, "targets", request.Targets, partnerIds, YearsOf(agreement.Period));
        return errors.IsEmpty
            ? ValidationOutcome<IReadOnlyList<Target>>.Valid(targets)
            : ValidationOutcome<IReadOnlyList<Target>>.Invalid(errors);
    }

    internal static IReadOnlyList<string>? YearsOf(string? period)
    {
        var match = PeriodPattern().Match(period?.Trim() ?? "");
        if (!match.Success)
        {
            return null;
        }

        var start = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var end = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return end != start + 3
            ? null
            : [.. Enumerable.Range(start, 3).Select(y => string.Create(CultureInfo.InvariantCulture, $"{y}/{(y + 1) % 100:D2}"))];
    }

    private static string? Required(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "Required.");
            return null;
        }

        return SingleLine(errors, field, value.Trim());
    }

    /// <summary>
    /// Names and titles end up in email subjects and display names: a line break there could add mail headers, so
    /// control characters are refused outright rather than quietly changed.
    /// </summary>
    private static string? SingleLine(ValidationErrors errors, string field, string value)
    {
        if (value.Any(char.IsControl))
        {
            errors.Add(field, "Must be one line of text, without line breaks, tabs or other control characters.");
            return null;
        }

        if (value.Length > MaxTextLength)
        {
            errors.Add(field, $"At most {MaxTextLength} characters ({value.Length} given).");
            return null;
        }

        return value;
    }

    private static string? ValidateRegion(ValidationErrors errors, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add("governmentOffice", "Required.");
            return null;
        }

        var region = GovernmentOfficeRegions.Find(value);
        if (region is null)
        {
            errors.Add("governmentOffice", $"'{value}' is not a Government Office region; expected one of: {string.Join(", ", GovernmentOfficeRegions.All)}.");
        }

        return region;
    }

    private static IReadOnlyList<string>? ValidatePeriod(ValidationErrors errors, string? period)
    {
        if (string.IsNullOrWhiteSpace(period))
        {
            errors.Add("period", "Required.");
            return null;
        }

        var years = YearsOf(period);
        if (years is null)
        {
            errors.Add("period", $"'{period}' is not a three-year period such as '2008-2011'.");
        }

        return years;
    }

    private static Contact? ValidateContact(ValidationErrors errors, string field, ContactRequest? contact)
    {
        if (contact is null)
        {
            errors.Add(field, "Required.");
            return null;
        }

        var name = Required(errors, field + ".name", contact.Name);
        var email = ValidateEmail(errors, field + ".email", contact.Email);
        return name is null || email is null ? null : new Contact(name, email);
    }

    private static string? ValidateEmail(ValidationErrors errors, string field, string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add(field, "An email address is required.");
            return null;
        }

        var trimmed = email.Trim();
        if (trimmed.Length > 254)
        {
            errors.Add(field, "An email address has at most 254 characters.");
            return null;
        }

        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || !address.Host.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(field, $"'{email}' is not an email address.");
            return null;
        }

        return trimmed;
    }

    private static List<Partner> ValidatePartners(ValidationErrors errors, IReadOnlyList<PartnerRequest?>? partners)
    {
        var result = new List<Partner>();
        if (partners is null || partners.Count == 0)
        {
            errors.Add("partners", "At least one partner is required.");
            return result;
        }

        if (partners.Count > MaxPartners)
        {
            // One message, not one per partner: the answer to a flood must not be a flood.
            errors.Add("partners", $"{partners.Count} partners; an agreement consults at most {MaxPartners}.");
            return result;
        }

        var firstIndexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < partners.Count; i++)
        {
            var field = $"partners[{i}]";
            var partner = partners[i];
            if (partner is null)
            {
                errors.Add(field, "Required.");
                continue;
            }

            var id = Required(errors, field + ".id", partner.Id);
            if (id is not null)
            {
                if (!PartnerIdPattern().IsMatch(id))
                {
                    errors.Add(field + ".id", $"'{id}' must be lower-case letters, digits and hyphens (for example 'northumbria-police').");
                    id = null;
                }
                else if (!firstIndexById.TryAdd(id, i))
                {
                    errors.Add(field + ".id", $"Duplicate partner id '{id}' (already used by partners[{firstIndexById[id]}]).");
                    id = null;
                }
            }

            var name = Required(errors, field + ".name", partner.Name);
            string? body = null;
            if (string.IsNullOrWhiteSpace(partner.Body))
            {
                errors.Add(field + ".body", "Required.");
            }
            else if (PartnerBodies.Find(partner.Body) is { } known)
            {
                body = known.Body;
            }
            else
            {
                errors.Add(field + ".body", $"'{partner.Body}' is not a partner authority under the 2007 Act s104.");
            }

            var contact = ValidateContact(errors, field + ".contact", partner.Contact);
            var ladder = ValidateLadder(errors, field + ".escalation", partner.Escalation);

            if (id is not null && name is not null && body is not null && contact is not null)
            {
                result.Add(new Partner(id, name, body, contact, ladder));
            }
        }

        return result;
    }

    private static List<Target> ValidateTargets(
        ValidationErrors errors,
        string field,
        IReadOnlyList<TargetRequest?>? targets,
        IReadOnlySet<string> partnerIds,
        IReadOnlyList<string>? years,
        Func<string, string>? unknownLead = null)
    {
        var result = new List<Target>();
        if (targets is null || targets.Count == 0)
        {
            errors.Add(field, "At least one target is required.");
            return result;
        }

        if (targets.Count > MaxTargets)
        {
            errors.Add(field, $"{targets.Count} targets; an agreement has at most {MaxTargets}.");
            return result;
        }

        var designated = targets.Count(t => string.Equals(t?.Kind?.Trim(), "designated", StringComparison.OrdinalIgnoreCase));
        if (designated > MaxDesignatedTargets)
        {
            errors.Add(field, $"{designated} designated targets; an agreement may designate at most {MaxDesignatedTargets}.");
        }

        var firstIndexByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < targets.Count; i++)
        {
            var path = $"{field}[{i}]";
            var target = targets[i];
            if (target is null)
            {
                errors.Add(path, "Required.");
                continue;
            }

            var kind = ParseKind(errors, path + ".kind", target.Kind);
            var indicator = ValidateIndicator(errors, path + ".indicator", target.Indicator, kind);
            if (kind is { } k && indicator is not null && !firstIndexByKey.TryAdd(k + ":" + indicator, i))
            {
                errors.Add(path + ".indicator", $"'{indicator}' is already a {k.ToString().ToLowerInvariant()} target (targets[{firstIndexByKey[k + ":" + indicator]}]).");
                indicator = null;
            }

            var leads = ValidateLeadPartners(errors, path + ".leadPartners", target.LeadPartners, partnerIds, kind, unknownLead);
            if (kind == TargetKind.Designated && target.Baseline is null)
            {
                errors.Add(path + ".baseline", "A designated target needs a baseline.");
            }

            var trajectory = ValidateTrajectory(errors, path + ".trajectory", target.Trajectory, years, kind);
            var (higherIsBetter, justification) = ValidateDirection(errors, path, target, indicator, kind, trajectory, years);
            if (kind is { } ok && indicator is not null && leads is not null && trajectory is not null)
            {
                result.Add(new Target(indicator, ok, leads, target.Baseline, trajectory, higherIsBetter, justification));
            }
        }

        return result;
    }

    private static TargetKind? ParseKind(ValidationErrors errors, string field, string? kind)
    {
        switch (kind?.Trim().ToUpperInvariant())
        {
            case "DESIGNATED":
                return TargetKind.Designated;
            case "STATUTORY":
                return TargetKind.Statutory;
            case "LOCAL":
                return TargetKind.Local;
            case null or "":
                errors.Add(field, "Required: 'designated', 'statutory' or 'local'.");
                return null;
            default:
                errors.Add(field, $"'{kind}' is not a target kind; expected 'designated', 'statutory' or 'local'.");
                return null;
        }
    }

    private static string? ValidateIndicator(ValidationErrors errors, string field, string? indicator, TargetKind? kind)
    {
        if (string.IsNullOrWhiteSpace(indicator))
        {
            errors.Add(field, "Required.");
            return null;
        }

        if (kind is TargetKind.Local or null)
        {
            return SingleLine(errors, field, indicator.Trim());
        }

        if (!NationalIndicatorSet.TryGet(indicator, out var known))
        {
            errors.Add(field, $"'{indicator}' is not an indicator of the 2008 National Indicator Set.");
            return null;
        }

        return known.Code;
    }

    private static List<string>? ValidateLeadPartners(
        ValidationErrors errors, string field, IReadOnlyList<string?>? leads, IReadOnlySet<string> partnerIds, TargetKind? kind, Func<string, string>? unknownLead = null)
    {
        if (leads is null || leads.Count == 0)
        {
            if (kind is TargetKind.Designated or TargetKind.Statutory)
            {
                errors.Add(field, "Name at least one partner who leads on this target.");
                return null;
            }

            return [];
        }

        var result = new List<string>();
        var ok = true;
        for (var j = 0; j < leads.Count; j++)
        {
            var lead = leads[j]?.Trim();
            if (string.IsNullOrEmpty(lead))
            {
                errors.Add($"{field}[{j}]", "Required.");
                ok = false;
            }
            else if (!partnerIds.Contains(lead))
            {
                errors.Add($"{field}[{j}]", unknownLead?.Invoke(lead) ?? $"'{lead}' is not one of the partners.");
                ok = false;
            }
            else if (!result.Contains(lead))
            {
                result.Add(lead);
            }
        }

        return ok ? result : null;
    }

    private static Dictionary<string, decimal>? ValidateTrajectory(
        ValidationErrors errors, string field, IReadOnlyDictionary<string, decimal>? trajectory, IReadOnlyList<string>? years, TargetKind? kind)
    {
        if (trajectory is null || trajectory.Count == 0)
        {
            if (kind is TargetKind.Local)
            {
                return [];
            }

            errors.Add(field, years is null ? "A value for each year of the period is required." : $"A value for each of {string.Join(", ", years)} is required.");
            return null;
        }

        if (years is null)
        {
            // The period is already reported; the years cannot be checked without it.
            return null;
        }

        var ok = true;
        foreach (var missing in years.Where(y => !trajectory.ContainsKey(y)))
        {
            errors.Add(field, $"Missing the value for {missing}.");
            ok = false;
        }

        foreach (var extra in trajectory.Keys.Where(y => !years.Contains(y)))
        {
            errors.Add(field, $"'{extra}' is not a year of the period ({string.Join(", ", years)}).");
            ok = false;
        }

        return ok ? trajectory.ToDictionary(StringComparer.Ordinal) : null;
    }

    /// <summary>
    /// A target's direction of improvement (from the reference data where it knows the indicator, else the lead's word,
    /// required for a performance-managed target) and, when the trajectory gets worse from one year to the next, the
    /// justification that must come with it.
    /// </summary>
    private static (bool? HigherIsBetter, string? Justification) ValidateDirection(
        ValidationErrors errors, string path, TargetRequest target, string? indicator, TargetKind? kind,
        IReadOnlyDictionary<string, decimal>? trajectory, IReadOnlyList<string>? years)
    {
        var known = kind is TargetKind.Local || !NationalIndicatorSet.TryGet(indicator, out var reference) ? null : reference.HigherIsBetter;
        if (known is { } k && target.HigherIsBetter is { } given && given != k)
        {
            errors.Add(path + ".higherIsBetter", $"{indicator} improves as it {(k ? "rises" : "falls")}; higherIsBetter must be {(k ? "true" : "false")} or left out.");
            return (null, null);
        }

        var higher = target.HigherIsBetter ?? known;
        if (higher is null && kind is TargetKind.Designated or TargetKind.Statutory && indicator is not null)
        {
            errors.Add(path + ".higherIsBetter", $"Whether {indicator} improves as it rises or as it falls is not in the reference data: say so with higherIsBetter true or false.");
        }

        var justification = string.IsNullOrWhiteSpace(target.Justification) ? null : target.Justification.Trim();
        if (justification?.Length > MaxJustificationLength)
        {
            errors.Add(path + ".justification", $"{justification.Length} characters; at most {MaxJustificationLength}.");
        }

        if (higher is { } h && trajectory is not null && years is not null && justification is null
            && Worsening(target.Baseline, trajectory, years, h) is { } worse)
        {
            errors.Add(path + ".trajectory", $"{indicator} gets worse: {worse}, and {(h ? "higher" : "lower")} is better. Plan for improvement, or give a justification.");
        }

        return (higher, justification);
    }

    /// <summary>The first step of the trajectory (from the baseline, then year to year) that moves the wrong way, if any.</summary>
    private static string? Worsening(decimal? baseline, IReadOnlyDictionary<string, decimal> trajectory, IReadOnlyList<string> years, bool higherIsBetter)
    {
        var (label, previous) = ("the baseline", baseline);
        foreach (var year in years)
        {
            var value = trajectory[year];
            if (previous is { } p && (higherIsBetter ? value < p : value > p))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{year} ({value}) is {(higherIsBetter ? "lower" : "higher")} than {label} ({p})");
            }

            (label, previous) = (year, value);
        }

        return null;
    }

    private static Timetable? ValidateTimetable(ValidationErrors errors, TimetableRequest? timetable)
    {
        if (timetable is null)
        {
            errors.Add("timetable", "Required.");
            return null;
        }

        var opens = timetable.ConsultationOpens;
        var response = timetable.ResponseDeadline;
        var signOff = timetable.SignOffDeadline;
        if (opens is null)
        {
            errors.Add("timetable.consultationOpens", "Required.");
        }

        if (response is null)
        {
            errors.Add("timetable.responseDeadline", "Required.");
        }

        if (signOff is null)
        {
            errors.Add("timetable.signOffDeadline", "Required.");
        }

        foreach (var (name, value) in new[] { ("consultationOpens", opens), ("responseDeadline", response), ("signOffDeadline", signOff) })
        {
            if (value is { } date && (date < s_earliestDate || date >= s_latestDate))
            {
                errors.Add("timetable." + name, $"{Iso(date)} is not a plausible date; expected one in this century.");
            }
        }

        var ordered = (opens is null || (opens >= s_earliestDate && opens < s_latestDate))
            && (response is null || (response >= s_earliestDate && response < s_latestDate))
            && (signOff is null || (signOff >= s_earliestDate && signOff < s_latestDate));
        if (opens is { } o && response is { } r && r <= o)
        {
            errors.Add("timetable.responseDeadline", $"Must be after consultationOpens ({Iso(o)}).");
            ordered = false;
        }

        if (response is { } r2 && signOff is { } s && s <= r2)
        {
            errors.Add("timetable.responseDeadline", $"Must be before signOffDeadline ({Iso(s)}).");
            ordered = false;
        }
        else if (opens is { } o2 && signOff is { } s2 && s2 <= o2)
        {
            errors.Add("timetable.signOffDeadline", $"Must be after consultationOpens ({Iso(o2)}).");
            ordered = false;
        }

        var reminders = ValidateDays(errors, "timetable.reminderDaysBefore", timetable.ReminderDaysBefore ?? DefaultReminderDaysBefore);
        var warnings = ValidateDays(errors, "timetable.signOffWarningDaysBefore", timetable.SignOffWarningDaysBefore ?? Timetable.DefaultSignOffWarningDaysBefore);

        var every = timetable.EscalationEveryDays ?? DefaultEscalationEveryDays;
        if (every <= 0)
        {
            errors.Add("timetable.escalationEveryDays", "Must be a positive number of days.");
        }
        else if (every > MaxDays)
        {
            errors.Add("timetable.escalationEveryDays", $"At most {MaxDays} days.");
        }

        return opens is null || response is null || signOff is null || !ordered
            ? null
            : new Timetable(opens.Value.UtcDateTime, response.Value.UtcDateTime, signOff.Value.UtcDateTime, reminders, every, warnings);
    }

    /// <summary>A list of days before a deadline: each positive, at most <see cref="MaxDays"/>, none twice; returned longest first.</summary>
    private static IReadOnlyList<int> ValidateDays(ValidationErrors errors, string field, IReadOnlyList<int> days)
    {
        for (var i = 0; i < days.Count; i++)
        {
            if (days[i] <= 0)
            {
                errors.Add($"{field}[{i}]", "Must be a positive number of days.");
            }
            else if (days[i] > MaxDays)
            {
                errors.Add($"{field}[{i}]", $"At most {MaxDays} days.");
            }
            else if (days.Take(i).Contains(days[i]))
            {
                errors.Add($"{field}[{i}]", $"{days[i]} days is listed twice.");
            }
        }

        return [.. days.Where(d => d is > 0 and <= MaxDays).Distinct().OrderDescending()];
    }

    /// <summary>An escalation ladder: at most <see cref="MaxEscalationRungs"/> contacts, lowest rung first.</summary>
    private static List<Contact> ValidateLadder(ValidationErrors errors, string field, IReadOnlyList<ContactRequest?>? rungs)
    {
        var ladder = new List<Contact>();
        if (rungs?.Count > MaxEscalationRungs)
        {
            errors.Add(field, $"{rungs.Count} rungs; an escalation ladder has at most {MaxEscalationRungs}.");
        }

        for (var j = 0; j < Math.Min(rungs?.Count ?? 0, MaxEscalationRungs); j++)
        {
            if (ValidateContact(errors, $"{field}[{j}]", rungs![j]) is { } rung)
            {
                ladder.Add(rung);
            }
        }

        return ladder;
    }

    private static Pace? ValidatePace(ValidationErrors errors, PaceRequest? pace, DateTime now)
    {
        if (pace is null)
        {
            return null;
        }

        if (pace.Anchor is not { } anchor)
        {
            errors.Add("pace.anchor", "Required: the business instant the rehearsal's calendar starts from.");
        }
        else if (anchor < s_earliestDate || anchor >= s_latestDate)
        {
            errors.Add("pace.anchor", $"{Iso(anchor)} is not a plausible date; expected one in this century.");
        }

        if (pace.StartedAt is { } started && (started < s_earliestDate || started >= s_latestDate))
        {
            errors.Add("pace.startedAt", $"{Iso(started)} is not a plausible date; expected one in this century.");
        }

        if (pace.SecondsPerDay is not { } speed)
        {
            errors.Add("pace.secondsPerDay", "Required: real seconds per business day.");
        }
        else if (!double.IsFinite(speed) || speed < MinSecondsPerDay || speed > MaxSecondsPerDay)
        {
            errors.Add("pace.secondsPerDay", $"Must be between {MinSecondsPerDay} and {MaxSecondsPerDay} (real time).");
        }

        return errors.Has("pace.anchor") || errors.Has("pace.startedAt") || errors.Has("pace.secondsPerDay")
            ? null
            : new Pace(pace.Anchor!.Value.UtcDateTime, pace.StartedAt?.UtcDateTime ?? now, pace.SecondsPerDay!.Value);
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PartnerIdPattern();

    [GeneratedRegex(@"^(\d{4})\s*[-/]\s*(\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
