using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.ReadModels;

namespace LaaWorkflow.Negotiation.Service;

public sealed partial class NegotiationService
{
    /// <summary>
    /// Which office a decision is from. An LAA has one (null: the event needs none); a multi-area agreement names the
    /// office, or leaves it out when its authorities share one; an office that has decided this submission is refused.
    /// </summary>
    private static (string? Office, NegotiationResult? Refusal) DecidingOffice(AgreementRecord record, int submission, string? office)
    {
        var definition = record.Summary.Definition;
        if (definition.MultiArea is not { } maa)
        {
            return office is null || GovernmentOfficeRegions(definition).Contains(office.Trim(), StringComparer.OrdinalIgnoreCase)
                ? (null, null)
                : (null, NegotiationResult.Invalid("office", $"This agreement is negotiated by the Government Office {definition.GovernmentOffice} alone; leave office out."));
        }

        var offices = maa.Offices().Select(o => o.Region).ToList();
        if (string.IsNullOrWhiteSpace(office))
        {
            return offices.Count == 1
                ? (offices[0], null)
                : (null, NegotiationResult.Invalid("office", $"Required: the Government Office deciding, one of: {string.Join(", ", offices)}."));
        }

        var region = offices.FirstOrDefault(o => string.Equals(o, office.Trim(), StringComparison.OrdinalIgnoreCase));
        if (region is null)
        {
            return (null, NegotiationResult.Invalid("office", $"'{office}' is not one of this agreement's Government Offices ({string.Join(", ", offices)})."));
        }

        return HasDecided(record, submission, region)
            ? (null, NegotiationResult.NotAllowed($"The Government Office {region} has already decided on submission {submission}; its decision stands."))
            : (region, null);
    }

    private static IReadOnlyList<string> GovernmentOfficeRegions(Agreement definition) => [definition.GovernmentOffice];

    /// <summary>Whether <paramref name="region"/> decided <paramref name="submission"/>, from the timeline entries the negotiation keys per office.</summary>
    internal static bool HasDecided(AgreementRecord record, int submission, string region) =>
        OfficeDecision(record, submission, region) is not null;

    /// <summary>An office's decision on a submission of a multi-area agreement (<c>approved</c>, <c>rejected</c>), or null.</summary>
    internal static string? OfficeDecision(AgreementRecord record, int submission, string region)
    {
        var prefix = $"go:s{submission}:{MultiArea.OfficeKey(region)}:";
        return record.Timeline.FirstOrDefault(t => t.Key.StartsWith(prefix, StringComparison.Ordinal) && t.Kind is "approved" or "rejected")?.Kind;
    }
}
