using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Tests.Support;
using LaaWorkflow.Negotiation.Validation;

namespace LaaWorkflow.Negotiation.Tests.Validation;

public sealed class NegotiationValidatorTests
{
    [Fact]
    public void Validate_ValidRequest_ProducesTheAgreement()
    {
        var outcome = NegotiationValidator.Validate(Requests.Valid());

        Assert.True(outcome.IsValid, string.Join("; ", outcome.Errors?.Select(e => e.Key + ": " + string.Join(",", e.Value)) ?? []));
        var agreement = outcome.Value!;
        Assert.Equal(3, agreement.Partners.Count);
        Assert.Equal([14, 7, 2], agreement.Timetable.ReminderDaysBefore);
        Assert.Equal(TargetKind.Statutory, agreement.Targets[3].Kind);
        Assert.Equal(DateTimeKind.Utc, agreement.Timetable.SignOffDeadline.Kind);
    }

    [Fact]
    public void Validate_ThirtySixDesignatedTargets_NamesTheTargetsField()
    {
        var targets = Enumerable.Range(1, 37).Where(n => n != 31).Take(36).Select(n => Requests.Target($"NI {n}", "police")).ToList();

        var errors = NegotiationValidator.Validate(Requests.Valid(targets: targets)).Errors;

        Assert.NotNull(errors);
        Assert.Contains("36 designated targets", Assert.Single(errors["targets"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ThirtyFiveDesignatedTargets_IsAccepted()
    {
        var targets = Enumerable.Range(1, 36).Where(n => n != 31).Select(n => Requests.Target($"NI {n}", "police")).ToList();

        Assert.True(NegotiationValidator.Validate(Requests.Valid(targets: targets)).IsValid);
    }

    [Fact]
    public void Validate_EveryProblemAtOnce_ReportsEachUnderItsField()
    {
        var request = Requests.Valid(
            partners:
            [
                Requests.Partner("police"),
                Requests.Partner("police", "Primary Care Trust"),
                new PartnerRequest { Id = "fire", Name = "Fire", Body = "Fire and rescue authority", Contact = new ContactRequest { Name = "F" } },
            ],
            targets:
            [
                Requests.Target("NI 16", "police"),
                Requests.Target("NI 999", "police"),
                Requests.Target("NI 39", "nobody"),
                Requests.Target("NI 40", "police"),
            ],
            timetable: Requests.Timetable(response: new DateTime(2008, 7, 14, 17, 0, 0, DateTimeKind.Utc)));

        var errors = NegotiationValidator.Validate(request).Errors!;

        Assert.Contains("Duplicate partner id 'police'", errors["partners[1].id"][0], StringComparison.Ordinal);
        Assert.Contains("email address is required", errors["partners[2].contact.email"][0], StringComparison.Ordinal);
        Assert.Contains("'NI 999' is not an indicator", errors["targets[1].indicator"][0], StringComparison.Ordinal);
        Assert.Contains("'nobody' is not one of the partners", errors["targets[2].leadPartners[0]"][0], StringComparison.Ordinal);
        Assert.Contains("before signOffDeadline", errors["timetable.responseDeadline"][0], StringComparison.Ordinal);
        Assert.Equal(5, errors.Count);
    }

    [Fact]
    public void Validate_LeadLadderAndWarnings_KeptWhenGoodAndNamedWhenBad()
    {
        var good = Requests.Valid(timetable: Requests.Timetable() with { SignOffWarningDaysBefore = [2, 10] }) with
        {
            LspLeadEscalation = [new ContactRequest { Name = "Chief executive", Email = "ce@sunderland.example" }],
        };
        var bad = good with
        {
            LspLeadEscalation = [new ContactRequest { Name = "Chief executive" }],
            Timetable = good.Timetable! with { SignOffWarningDaysBefore = [7, 0, 7] },
        };

        var agreement = NegotiationValidator.Validate(good).Value!;
        var errors = NegotiationValidator.Validate(bad).Errors!;

        Assert.Equal([new Contact("Chief executive", "ce@sunderland.example")], agreement.LeadLadder);
        Assert.Equal([10, 2], agreement.Timetable.SignOffWarnings);
        Assert.Equal([14, 7, 2], NegotiationValidator.Validate(Requests.Valid()).Value!.Timetable.SignOffWarnings);
        Assert.Contains("email address is required", errors["lspLeadEscalation[0].email"][0], StringComparison.Ordinal);
        Assert.Contains("positive number of days", errors["timetable.signOffWarningDaysBefore[1]"][0], StringComparison.Ordinal);
        Assert.Contains("listed twice", errors["timetable.signOffWarningDaysBefore[2]"][0], StringComparison.Ordinal);
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void Validate_Directions_TakenFromTheReferenceRequiredOtherwiseAndCheckedAgainstTheTrajectory()
    {
        TargetRequest Ni(string code, bool? higher, params decimal[] years) => new()
        {
            Indicator = code,
            Kind = "designated",
            LeadPartners = ["police"],
            Baseline = 10,
            Trajectory = new Dictionary<string, decimal> { ["2008/09"] = years[0], ["2009/10"] = years[1], ["2010/11"] = years[2] },
            HigherIsBetter = higher,
        };
        var request = Requests.Valid(targets:
        [
            Ni("NI 16", null, 9, 8, 7),      // a crime rate: lower is better, known
            Ni("NI 7", null, 11, 12, 13),    // the third sector: not in the reference data, and not said
            Ni("NI 56", true, 9, 8, 7),      // obesity: said to be better higher, against the reference data
            Ni("NI 152", null, 9, 11, 8),    // out-of-work benefits rising in 2009/10
            Ni("NI 151", null, 11, 11, 12) with { Justification = "  " },
            new TargetRequest { Indicator = "Fewer empty shops", Kind = "local", LeadPartners = ["police"], Baseline = 10, Trajectory = new Dictionary<string, decimal> { ["2008/09"] = 12, ["2009/10"] = 14, ["2010/11"] = 16 } },
        ]);

        var errors = NegotiationValidator.Validate(request).Errors!;
        var justified = request with { Targets = [.. request.Targets!.Take(1), Ni("NI 152", null, 9, 11, 8) with { Justification = "The downturn: claims rise before they fall." }] };
        var agreement = NegotiationValidator.Validate(justified).Value!;

        Assert.Contains("NI 7 improves as it rises or as it falls is not in the reference data", errors["targets[1].higherIsBetter"][0], StringComparison.Ordinal);
        Assert.Contains("NI 56 improves as it falls; higherIsBetter must be false", errors["targets[2].higherIsBetter"][0], StringComparison.Ordinal);
        Assert.Equal("NI 152 gets worse: 2009/10 (11) is higher than 2008/09 (9), and lower is better. Plan for improvement, or give a justification.", errors["targets[3].trajectory"][0]);
        Assert.Equal(3, errors.Count);
        Assert.Equal((false, null), (agreement.Targets[0].HigherIsBetter, agreement.Targets[0].Justification));
        Assert.Equal((false, "The downturn: claims rise before they fall."), (agreement.Targets[1].HigherIsBetter, agreement.Targets[1].Justification));
    }

    [Fact]
    public void Validate_TrajectoryWorseThanTheBaseline_IsNamedFromTheBaseline()
    {
        var target = Requests.Target("NI 16", "police") with { Trajectory = new Dictionary<string, decimal> { ["2008/09"] = 10.5m, ["2009/10"] = 9, ["2010/11"] = 8 } };

        var errors = NegotiationValidator.Validate(Requests.Valid(targets: [target])).Errors!;

        Assert.Contains("2008/09 (10.5) is higher than the baseline (10)", Assert.Single(errors["targets[0].trajectory"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ResponseDeadlineBeforeOpening_NamesTheResponseDeadline()
    {
        var request = Requests.Valid(timetable: Requests.Timetable(response: Requests.Opens.AddDays(-1)));

        var errors = NegotiationValidator.Validate(request).Errors!;

        Assert.Contains("after consultationOpens", Assert.Single(errors["timetable.responseDeadline"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingEverything_NamesEachRequiredField()
    {
        var errors = NegotiationValidator.Validate(new NegotiationRequest()).Errors!;

        Assert.Equal(
            ["area", "responsibleAuthority", "governmentOffice", "period", "lspLead", "governmentOfficeNegotiator", "partners", "targets", "timetable"],
            errors.Keys);
    }

    [Fact]
    public void Validate_BadTrajectoryAndUnknownBody_AreNamed()
    {
        var target = new TargetRequest
        {
            Indicator = "NI 16",
            Kind = "designated",
            LeadPartners = ["police"],
            Baseline = 3,
            Trajectory = new Dictionary<string, decimal> { ["2008/09"] = 1, ["2011/12"] = 2 },
        };
        var request = Requests.Valid(partners: [Requests.Partner("police", "Parish council")], targets: [target]);

        var errors = NegotiationValidator.Validate(request).Errors!;

        Assert.Contains("not a partner authority", errors["partners[0].body"][0], StringComparison.Ordinal);
        Assert.Equal(3, errors["targets[0].trajectory"].Length);
    }

    [Fact]
    public void Validate_Null_ReportsTheBody() =>
        Assert.Contains("body", NegotiationValidator.Validate(null).Errors!.Keys);
}
