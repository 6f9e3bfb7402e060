namespace LaaWorkflow.LocalHost.Demo;

/// <summary>How a simulated partner behaves when invited.</summary>
internal enum PartnerBehaviour
{
    /// <summary>Endorses a few days after the invitation.</summary>
    Prompt,

    /// <summary>Endorses only once reminded.</summary>
    AfterReminder,

    /// <summary>Endorses only once the silence was escalated.</summary>
    AfterEscalation,

    /// <summary>Objects to its targets.</summary>
    Objects,

    /// <summary>Asks for changes in the first round, endorses the revision.</summary>
    RequestsChanges,
}

/// <summary>
/// The demo's cast, fixed so every run tells the same story: most partners endorse, some late, one
/// objects (Westminster), one asks for changes (Leeds) and endorses the LSP lead's revision.
/// </summary>
internal static class SimulatedPartners
{
    public static PartnerBehaviour For(string area, int areaIndex, int partnerIndex, int partnerCount) => (area, partnerIndex) switch
    {
        ("Westminster", 1) => PartnerBehaviour.Objects,
        ("Leeds", 2) => PartnerBehaviour.RequestsChanges,
        ("Cornwall", _) when partnerIndex == partnerCount - 1 => PartnerBehaviour.AfterEscalation,
        _ when (areaIndex + partnerIndex) % 4 == 3 => PartnerBehaviour.AfterReminder,
        _ => PartnerBehaviour.Prompt,
    };

    /// <summary>Days a prompt partner takes to answer, spread so answers do not arrive all at once.</summary>
    public static int PromptDelayDays(int areaIndex, int partnerIndex) => 2 + ((areaIndex * 3) + (partnerIndex * 5)) % 12;

    public static (string Decision, string Comment) FirstAnswer(PartnerBehaviour behaviour) => behaviour switch
    {
        PartnerBehaviour.Objects => ("object", "The proposed trajectory for our lead targets is not achievable with current funding."),
        PartnerBehaviour.RequestsChanges => ("request-changes", "Please phase the 2010/11 target more gently; the baseline is under review."),
        PartnerBehaviour.AfterReminder => ("endorse", "Endorsed, with apologies for the delay."),
        PartnerBehaviour.AfterEscalation => ("endorse", "Endorsed after escalation to our director."),
        _ => ("endorse", "Endorsed on behalf of the partnership board."),
    };
}
