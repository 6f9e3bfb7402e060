using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Tests.Support;
using LaaWorkflow.Negotiation.Validation;

namespace LaaWorkflow.Negotiation.Tests.Validation;

/// <summary>The multi-area rules that the HTTP tests do not spell out: how themes are read, and an LAA kept apart from them.</summary>
public sealed class MultiAreaValidatorTests
{
    [Fact]
    public void Validate_ThemesInAnyCaseAndOthersNamedAsSuch_AreKeptCanonical()
    {
        var outcome = NegotiationValidator.Validate(DemoMultiAreas.TeesValley() with { Themes = ["Economy", "SKILLS", "Other:  Tourism"] });

        Assert.True(outcome.IsValid, string.Join("; ", outcome.Errors?.Select(e => e.Key + ": " + e.Value[0]) ?? []));
        Assert.Equal(["economy", "skills", "other: Tourism"], outcome.Value!.MultiArea!.Themes);
    }

    [Theory]
    [InlineData("other:", "themes[0]", "Say which other theme")]
    [InlineData("economy|Economy", "themes[1]", "listed twice")]
    public void Validate_EmptyOtherOrRepeatedTheme_IsNamed(string themes, string field, string message)
    {
        var errors = NegotiationValidator.Validate(DemoMultiAreas.TeesValley() with { Themes = themes.Split('|') }).Errors;

        Assert.NotNull(errors);
        Assert.Contains(message, Assert.Single(errors[field]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LocalAreaAgreementWithMultiAreaFields_NamesEachAsOnlyForAnMaa()
    {
        var police = Requests.Partner("police");
        var fromAnArea = new PartnerRequest { Id = police.Id, Name = police.Name, Body = police.Body, Contact = police.Contact, Authority = "sunderland" };
        var request = Requests.Valid() with { Themes = ["economy"], LeadAuthority = "sunderland" };
        request = request with { Partners = [fromAnArea, .. request.Partners!.Skip(1)] };

        var errors = NegotiationValidator.Validate(request).Errors;

        Assert.NotNull(errors);
        Assert.Equal(["leadAuthority", "partners[0].authority", "themes"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.Contains("Only for a multi-area agreement", Assert.Single(messages), StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AuthorityLeadingATarget_IsConsultedAndMayLeadRevisions()
    {
        var agreement = NegotiationValidator.Validate(DemoMultiAreas.TeesValley()).Value!;

        var revision = NegotiationValidator.ValidateRevision(new RevisionRequest { Targets = [Requests.Target("NI 154", "hartlepool")] }, agreement);

        Assert.True(revision.IsValid);
        Assert.Equal(MultiArea.AuthorityBody, agreement.FindPartner("hartlepool")!.Body);
    }
}
