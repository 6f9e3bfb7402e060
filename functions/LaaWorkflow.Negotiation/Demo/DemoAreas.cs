namespace LaaWorkflow.Negotiation.Demo;

/// <summary>
/// The eleven demonstration areas of the 2008 round with their Government Office regions and the partner authorities
/// a negotiation there would consult (names as they stood in 2007-08; the demonstration contacts are invented).
/// </summary>
internal static class DemoAreas
{
    private const string Police = "Chief officer of police";
    private const string PoliceAuthority = "Police authority";
    private const string Fire = "Fire and rescue authority";
    private const string Pct = "Primary Care Trust";
    private const string Probation = "Local probation board";
    private const string District = "District council (two-tier areas)";
    private const string Pta = "Metropolitan passenger transport authority";
    private const string Tfl = "Transport for London";
    private const string Trust = "NHS trust providing hospital services in the area";
    private const string FoundationTrust = "NHS foundation trust providing hospital services in the area";
    private const string Jcp = "Jobcentre Plus (Secretary of State, employment functions)";
    private const string Lsc = "Learning and Skills Council";
    private const string Rda = "Regional Development Agency";
    private const string Ea = "Environment Agency";
    private const string Arts = "Arts Council England";
    private const string Sport = "Sport England (English Sports Council)";

    public static IReadOnlyList<DemoArea> All { get; } =
    [
        Area("Stockton", "Stockton-on-Tees Borough Council", "North East", "One NorthEast",
            P("Cleveland Police", Police, DemoRole.Police),
            P("Cleveland Fire Authority", Fire, DemoRole.Fire),
            P("North Tees Primary Care Trust", Pct, DemoRole.Health),
            P("Teesside Probation Board", Probation, DemoRole.Probation),
            P("North Tees and Hartlepool NHS Foundation Trust", FoundationTrust, DemoRole.Hospital)),
        Area("Sunderland", "Sunderland City Council", "North East", "One NorthEast",
            P("Northumbria Police", Police, DemoRole.Police),
            P("Tyne and Wear Fire and Rescue Authority", Fire, DemoRole.Fire),
            P("Sunderland Teaching Primary Care Trust", Pct, DemoRole.Health),
            P("Northumbria Probation Board", Probation, DemoRole.Probation),
            P("Tyne and Wear Passenger Transport Authority", Pta, DemoRole.Transport),
            P("City Hospitals Sunderland NHS Foundation Trust", FoundationTrust, DemoRole.Hospital)),
        Area("Leeds", "Leeds City Council", "Yorkshire and the Humber", "Yorkshire Forward",
            P("West Yorkshire Police", Police, DemoRole.Police),
            P("West Yorkshire Fire and Rescue Authority", Fire, DemoRole.Fire),
            P("Leeds Primary Care Trust", Pct, DemoRole.Health),
            P("West Yorkshire Probation Board", Probation, DemoRole.Probation),
            P("West Yorkshire Passenger Transport Authority", Pta, DemoRole.Transport),
            P("Leeds Teaching Hospitals NHS Trust", Trust, DemoRole.Hospital)),
        Area("Manchester", "Manchester City Council", "North West", "Northwest Regional Development Agency",
            P("Greater Manchester Police", Police, DemoRole.Police),
            P("Greater Manchester Fire and Rescue Authority", Fire, DemoRole.Fire),
            P("Manchester Primary Care Trust", Pct, DemoRole.Health),
            P("Greater Manchester Probation Board", Probation, DemoRole.Probation),
            P("Greater Manchester Passenger Transport Authority", Pta, DemoRole.Transport),
            P("Arts Council England North West", Arts, DemoRole.Culture)),
        Area("Coventry", "Coventry City Council", "West Midlands", "Advantage West Midlands",
            P("West Midlands Police", Police, DemoRole.Police),
            P("West Midlands Fire and Rescue Authority", Fire, DemoRole.Fire),
            P("Coventry Teaching Primary Care Trust", Pct, DemoRole.Health),
            P("West Midlands Probation Board", Probation, DemoRole.Probation),
            P("West Midlands Passenger Transport Authority", Pta, DemoRole.Transport),
            P("University Hospitals Coventry and Warwickshire NHS Trust", Trust, DemoRole.Hospital)),
        Area("Leicester", "Leicester City Council", "East Midlands", "East Midlands Development Agency",
            P("Leicestershire Constabulary", Police, DemoRole.Police),
            P("Leicestershire Combined Fire Authority", Fire, DemoRole.Fire),
            P("Leicester City Primary Care Trust", Pct, DemoRole.Health),
            P("Leicestershire and Rutland Probation Board", Probation, DemoRole.Probation),
            P("University Hospitals of Leicester NHS Trust", Trust, DemoRole.Hospital)),
        Area("Essex", "Essex County Council", "East of England", "East of England Development Agency",
            P("Essex Police", Police, DemoRole.Police),
            P("Essex Fire Authority", Fire, DemoRole.Fire),
            P("Mid Essex Primary Care Trust", Pct, DemoRole.Health),
            P("Essex Probation Board", Probation, DemoRole.Probation),
            P("Basildon District Council", District, DemoRole.District),
            P("Braintree District Council", District, DemoRole.District),
            P("Chelmsford Borough Council", District, DemoRole.District),
            P("Colchester Borough Council", District, DemoRole.District),
            P("Environment Agency Anglian Region", Ea, DemoRole.Environment)),
        Area("Portsmouth", "Portsmouth City Council", "South East", "South East England Development Agency",
            P("Hampshire Constabulary", Police, DemoRole.Police),
            P("Hampshire Fire and Rescue Authority", Fire, DemoRole.Fire),
            P("Portsmouth City Teaching Primary Care Trust", Pct, DemoRole.Health),
            P("Hampshire Probation Board", Probation, DemoRole.Probation),
            P("Portsmouth Hospitals NHS Trust", Trust, DemoRole.Hospital)),
        Area("Cornwall", "Cornwall County Council", "South West", "South West of England Regional Development Agency",
            P("Devon and Cornwall Constabulary", Police, DemoRole.Police),
            P("Cornwall and Isles of Scilly Primary Care Trust", Pct, DemoRole.Health),
            P("Devon and Cornwall Probation Board", Probation, DemoRole.Probation),
            P("Caradon District Council", District, DemoRole.District),
            P("Carrick District Council", District, DemoRole.District),
            P("Kerrier District Council", District, DemoRole.District),
            P("North Cornwall District Council", District, DemoRole.District),
            P("Penwith District Council", District, DemoRole.District),
            P("Restormel Borough Council", District, DemoRole.District),
            P("Environment Agency South West Region", Ea, DemoRole.Environment)),
        Area("Westminster", "Westminster City Council", "London", "London Development Agency",
            P("Metropolitan Police Service", Police, DemoRole.Police),
            P("Metropolitan Police Authority", PoliceAuthority, DemoRole.PoliceAuthority),
            P("London Fire and Emergency Planning Authority", Fire, DemoRole.Fire),
            P("Westminster Primary Care Trust", Pct, DemoRole.Health),
            P("London Probation Board", Probation, DemoRole.Probation),
            P("Transport for London", Tfl, DemoRole.Transport),
            P("Arts Council England London", Arts, DemoRole.Culture)),
        Area("Lambeth", "London Borough of Lambeth", "London", "London Development Agency",
            P("Metropolitan Police Service", Police, DemoRole.Police),
            P("London Fire and Emergency Planning Authority", Fire, DemoRole.Fire),
            P("Lambeth Primary Care Trust", Pct, DemoRole.Health),
            P("London Probation Board", Probation, DemoRole.Probation),
            P("Transport for London", Tfl, DemoRole.Transport),
            P("Guy's and St Thomas' NHS Foundation Trust", FoundationTrust, DemoRole.Hospital),
            P("Sport England London", Sport, DemoRole.Sport)),
    ];

    private static DemoPartner P(string name, string body, DemoRole role) => new(name, body, role);

    /// <summary>Every area also consults the regional arms of the national partners on employment, skills and the economy.</summary>
    private static DemoArea Area(string area, string authority, string region, string rda, params DemoPartner[] local) =>
        new(area, authority, region,
        [
            .. local,
            P("Jobcentre Plus " + region, Jcp, DemoRole.Employment),
            P("Learning and Skills Council " + region, Lsc, DemoRole.Skills),
            P(rda, Rda, DemoRole.Economy),
        ]);
}
