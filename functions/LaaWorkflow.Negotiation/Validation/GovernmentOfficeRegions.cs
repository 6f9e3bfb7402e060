namespace LaaWorkflow.Negotiation.Validation;

/// <summary>The nine Government Office regions of England.</summary>
public static class GovernmentOfficeRegions
{
    /// <summary>Every region, as the Government Offices named them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands",
        "East of England", "London", "South East", "South West",
    ];

    /// <summary>The canonical spelling of a region, or null when it is not one.</summary>
    public static string? Find(string? region) =>
        All.FirstOrDefault(r => string.Equals(r, region?.Trim(), StringComparison.OrdinalIgnoreCase));
}
