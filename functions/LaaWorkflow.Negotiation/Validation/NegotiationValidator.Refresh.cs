using System.Globalization;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;

namespace LaaWorkflow.Negotiation.Validation;

/// <summary>The yearly refresh of a finalised agreement: the same target and timetable rules, and a year that comes next.</summary>
internal static partial class NegotiationValidator
{
    /// <summary>
    /// Checks a refresh of <paramref name="previous"/> (its agreed targets included) and builds the refreshed agreement:
    /// the previous version's partners and contacts, the proposed targets, the refresh's own timetable and pace.
    /// </summary>
    /// <param name="request">The request as it came off the wire.</param>
    /// <param name="previousId">The id of the version refreshed.</param>
    /// <param name="previous">That version as agreed.</param>
    /// <param name="now">The real instant a rehearsal's calendar starts at when the request gives none.</param>
    public static ValidationOutcome<Agreement> ValidateRefresh(RefreshRequest? request, string previousId, Agreement previous, DateTime now)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("body", "The request body is missing or is not a JSON object.");
            return ValidationOutcome<Agreement>.Invalid(errors);
        }

        var year = ValidateRefreshYear(errors, request.Year, previous);
        var partnerIds = previous.Partners.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var targets = ValidateTargets(errors, "targets", request.Targets, partnerIds, YearsOf(previous.Period));
        if (!errors.Has("targets") && targets.Count == request.Targets?.Count
            && Refresh.Compare(previous.Targets, targets).All(c => c.Change == TargetChangeKind.Unchanged))
        {
            errors.Add("targets", $"Nothing changed: these are the targets of the {Refresh.Label(previous)} as agreed. A refresh adds, changes or drops at least one target.");
        }

        var timetable = ValidateTimetable(errors, request.Timetable);
        var pace = ValidatePace(errors, request.Pace, now);
        if (!errors.IsEmpty)
        {
            return ValidationOutcome<Agreement>.Invalid(errors);
        }

        var original = previous.Refresh?.Original ?? previousId;
        var version = (previous.Refresh?.Version ?? 1) + 1;
        return ValidationOutcome<Agreement>.Valid(previous with
        {
            Targets = targets,
            Timetable = timetable!,
            Pace = pace,
            Refresh = new Refresh(previousId, original, version, year!, previous.Targets),
        });
    }

    /// <summary>A four-digit year after the refreshed version's and before the end of the agreement's period.</summary>
    private static string? ValidateRefreshYear(ValidationErrors errors, string? value, Agreement previous)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add("year", "Required: the year of the refresh, for example \"2009\".");
            return null;
        }

        var after = int.Parse(Refresh.YearOf(previous), CultureInfo.InvariantCulture);
        var periodEnd = int.TryParse(previous.Period.AsSpan(previous.Period.Length - 4), NumberStyles.None, CultureInfo.InvariantCulture, out var end) ? end : after + 3;
        if (text.Length != 4 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            errors.Add("year", $"'{text}' is not a year; expected four digits, for example \"{after + 1}\".");
            return null;
        }

        if (year <= after || year >= periodEnd)
        {
            errors.Add("year", $"Must come after {after} (the {Refresh.Label(previous)}) and before {periodEnd}, when the {previous.Period} agreement ends.");
            return null;
        }

        return text;
    }
}
