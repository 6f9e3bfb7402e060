using LaaWorkflow.Negotiation.Documents;
using LaaWorkflow.Negotiation.Domain;

namespace LaaWorkflow.Negotiation.Orchestrations;

/// <summary>
/// What a multi-area agreement changes in the negotiation: its authorities' endorsements are consultations among the
/// partners' (nothing to do here), and the draft goes to every Government Office its authorities span, each deciding on
/// its own signed link. A Local Area Agreement has one office, under the keys it always had.
/// </summary>
internal sealed partial class AgreementNegotiation
{
    /// <summary>The approvals of the current submission, one per office, for the signed-off document.</summary>
    private readonly List<OfficeApproval> _officeApprovals = [];

    private bool IsMultiArea => _agreement.MultiArea is not null;

    /// <summary>Every Government Office that must approve the draft, with its negotiator.</summary>
    private IReadOnlyList<(string Region, Contact Negotiator)> Offices() =>
        _agreement.MultiArea?.Offices() ?? [(_agreement.GovernmentOffice, _agreement.GovernmentOfficeNegotiator)];

    /// <summary>The office a decision is from: an LAA's one office; for a multi-area agreement the office it names.</summary>
    private string OfficeOf(GovernmentOfficeDecisionEvent decision)
    {
        if (!IsMultiArea)
        {
            return _agreement.GovernmentOffice;
        }

        var offices = Offices();
        return decision.Office ?? (offices.Count == 1 ? offices[0].Region : "");
    }

    /// <summary>A Government Office step's timeline key: an LAA's as it always was, a multi-area agreement's per office.</summary>
    private string GoKey(string submission, string region, string what) =>
        IsMultiArea ? $"go:{submission}:{MultiArea.OfficeKey(region)}:{what}" : $"go:{submission}:{what}";

    /// <summary>The header of an email to or about one office: it names that office.</summary>
    private AgreementHeader HeaderFor(string region) => IsMultiArea ? _header with { GovernmentOffice = region } : _header;

    private static string OfficesText(IEnumerable<string> regions)
    {
        var list = regions.ToList();
        return list.Count == 1
            ? $"the Government Office {list[0]}"
            : $"the Government Offices {string.Join(", ", list.SkipLast(1))} and {list[^1]}";
    }
}
