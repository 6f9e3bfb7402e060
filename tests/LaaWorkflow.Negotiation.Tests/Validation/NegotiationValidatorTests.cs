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
