namespace LaaWorkflow.Negotiation;

/// <summary>Whether this host accepts rehearsals (negotiations with a <c>pace</c>), from the <c>Rehearsals</c> section.</summary>
/// <remarks>Off by default: a production host runs real negotiations only, so nobody can start one on a fast calendar by mistake.</remarks>
public sealed class RehearsalOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Rehearsals";

    /// <summary>True to accept a <c>pace</c> in <c>POST /api/negotiations</c>.</summary>
    public bool Enabled { get; set; }
}
