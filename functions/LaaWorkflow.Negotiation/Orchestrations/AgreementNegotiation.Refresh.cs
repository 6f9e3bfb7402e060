using System.Globalization;
using LaaWorkflow.Email.Templates;
using LaaWorkflow.Negotiation.Documents;
using LaaWorkflow.Negotiation.Domain;

namespace LaaWorkflow.Negotiation.Orchestrations;

/// <summary>
/// A yearly refresh runs as a negotiation of its own on the same steps, measured against the version it refreshes:
/// only the partners a change concerns are consulted, unchanged targets stay agreed without asking anyone, and the
/// Government Office decides only when a designated target changed (other changes need only the consent of the
/// partners concerned, under the 2007 Act).
/// </summary>
internal sealed partial class AgreementNegotiation
{
    private bool IsRefresh => _agreement.Refresh is not null;

    /// <summary>Who is asked first: every partner for a new agreement; for a refresh, the lead partners of what it changes, before and after.</summary>
    private IReadOnlyList<string> FirstConsulted() => _agreement.Refresh is { } refresh
        ? Revision.PartnersToReconsult(refresh.PreviousTargets, _targets, [])
        : [.. _agreement.Partners.Select(p => p.Id)];

    /// <summary>Every target of both versions with what the refresh (as revised so far) does to it.</summary>
    private IReadOnlyList<TargetChange> Changes() => Refresh.Compare(_agreement.Refresh!.PreviousTargets, _targets);

    /// <summary>Whether the draft, as it stands, needs the Government Office's decision: always for a new agreement.</summary>
    private bool NeedsGovernmentOffice() => !IsRefresh || Refresh.NeedsGovernmentOffice(Changes());

    /// <summary>What a refresh's submission asks the Government Office about: the designated targets it adds or changes.</summary>
    private IReadOnlyList<Target> SubmittedTargets() => IsRefresh
        ? [.. Changes().Where(c => c.Kind == TargetKind.Designated && c.After is not null && c.Change != TargetChangeKind.Unchanged).Select(c => c.After!)]
        : _targets;

    private IReadOnlyList<ChangeLine> ChangeLines() => IsRefresh
        ? [.. Changes().Where(c => c.Change != TargetChangeKind.Unchanged).Select(c => new ChangeLine(Refresh.Line(c), c.Kind == TargetKind.Designated))]
        : [];

    private RefreshDocument? RefreshDocument() => _agreement.Refresh is { } refresh
        ? new RefreshDocument(
            Refresh.Label(_agreement),
            refresh.Of,
            refresh.Version == 2 ? $"{Refresh.FirstYear(_agreement.Period)} agreement" : string.Create(CultureInfo.InvariantCulture, $"version {refresh.Version - 1}"),
            Changes(),
            _approval is not null)
        : null;

    /// <summary>How the submission to the Government Office reads on the timeline.</summary>
    private string SubmittedText() => IsRefresh
        ? $"Every partner the refresh concerns has endorsed; its designated targets ({string.Join(", ", Changes().Where(c => c.Kind == TargetKind.Designated && c.Change != TargetChangeKind.Unchanged).Select(c => $"{c.Indicator} {c.Change.ToString().ToLowerInvariant()}"))}) went to the Government Office {_agreement.GovernmentOffice} for a decision."
        : $"Every partner has endorsed; the draft went to the Government Office {_agreement.GovernmentOffice} for a decision.";

    /// <summary>How the sign-off reads on the timeline and in the outcome.</summary>
    private string SignedOffSummary() => _agreement.Refresh is null
        ? IsMultiArea
            ? $"Signed off: every authority and partner endorsed and {OfficesText(Offices().Select(o => o.Region))} approved the agreement."
            : $"Signed off: every partner endorsed and the Government Office {_agreement.GovernmentOffice} approved the agreement."
        : _approval is null
            ? $"Signed off: every partner the {Refresh.Label(_agreement)} concerns endorsed it ({Refresh.Describe(Changes())}). No designated target changed, so the consent of the partners concerned sufficed and the Government Office was not asked."
            : $"Signed off: every partner the {Refresh.Label(_agreement)} concerns endorsed it and the Government Office {_agreement.GovernmentOffice} approved its designated targets ({Refresh.Describe(Changes())}).";
}
