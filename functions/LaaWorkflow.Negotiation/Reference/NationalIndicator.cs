namespace LaaWorkflow.Negotiation.Reference;

/// <summary>One indicator of the 2008 National Indicator Set.</summary>
/// <param name="Code">The indicator code, for example <c>NI 16</c>.</param>
/// <param name="Title">The indicator's title.</param>
/// <param name="Theme">The theme the indicator belongs to.</param>
/// <param name="TitleCheck">Provenance of the title wording: <c>confirmed</c>, <c>unverified</c> or <c>disputed</c>.</param>
public sealed record NationalIndicator(string Code, string Title, string Theme, string TitleCheck)
{
    /// <summary>True when the indicator improves as it rises, false as it falls, null when the reference data does not say.</summary>
    public bool? HigherIsBetter { get; init; }
}
