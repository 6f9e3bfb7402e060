namespace LaaWorkflow.Negotiation.Demo;

/// <summary>The facts a demonstration negotiation is generated from.</summary>
internal sealed record DemoArea(
    string Area,
    string ResponsibleAuthority,
    string GovernmentOffice,
    IReadOnlyList<DemoPartner> Partners);

/// <summary>A partner of a demonstration area and the role it plays when lead partners are chosen.</summary>
internal sealed record DemoPartner(string Name, string Body, DemoRole Role);

/// <summary>What a partner leads on in the demonstration data.</summary>
internal enum DemoRole
{
    Police,
    PoliceAuthority,
    Fire,
    Health,
    Hospital,
    Probation,
    District,
    Transport,
    Employment,
    Skills,
    Economy,
    Environment,
    Culture,
    Sport,
}
