using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Negotiation.Documents;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Orchestrations;
using LaaWorkflow.Negotiation.Validation;

namespace LaaWorkflow.Negotiation.Tests.Documents;

public sealed class AgreementDocumentRendererTests
{
    [Fact]
    public void Render_TargetThatGetsWorse_RecordsItsJustificationEncoded()
    {
        var police = new Partner("police", "Northumbria Police", "Chief officer of police", new Contact("P. Contact", "p@police.example"), []);
        Dictionary<string, decimal> years = new() { ["2008/09"] = 9.4m, ["2009/10"] = 9.1m, ["2010/11"] = 8.6m };
        var worse = new Target("NI 152", TargetKind.Designated, ["police"], 9.0m, years, HigherIsBetter: false, Justification: "Claims rise with the downturn <before> they fall.");
        var steady = new Target("NI 16", TargetKind.Designated, ["police"], 18.2m, years, HigherIsBetter: false);
        var approved = new DateTime(2008, 6, 2, 12, 0, 0, DateTimeKind.Utc);
        var model = new AgreementDocumentModel(
            "neg-1", new AgreementHeader("Sunderland", "Sunderland City Council", "North East", "2008-2011", approved.AddDays(28)),
            new Contact("A. Lead", "lead@sunderland.example"), new Contact("G. Officer", "go@gone.example"), [police], [worse, steady],
            [new Endorsement("police", approved.AddDays(-7), 1, AnswerSource.EmailLink)], approved, null);

        var html = AgreementDocumentRenderer.Render(model);

        Assert.Contains("Gets worse before it improves, because: Claims rise with the downturn &lt;before&gt; they fall.", html, StringComparison.Ordinal);
        Assert.Equal(1, html.Split("Gets worse before it improves").Length - 1);
    }

    [Fact]
    public void Render_MultiAreaAgreement_ListsItsAuthoritiesThemesPartnerAreasAndEachOfficesApproval()
    {
        var agreement = NegotiationValidator.Validate(DemoMultiAreas.TeesValley()).Value!;
        var maa = agreement.MultiArea!;
        var approved = new DateTime(2008, 6, 2, 12, 0, 0, DateTimeKind.Utc);
        var model = new AgreementDocumentModel(
            "tees-valley-1", AgreementHeader.From(agreement), agreement.LspLead, agreement.GovernmentOfficeNegotiator, agreement.Partners, agreement.Targets,
            [.. agreement.Partners.Select(p => new Endorsement(p.Id, approved.AddDays(-7), 1, AnswerSource.EmailLink))], approved, null, maa,
            [new OfficeApproval("North East", "MAA negotiator", approved, "Agreed for the region.")]);

        var html = AgreementDocumentRenderer.Render(model);

        Assert.Contains("<h1>Tees Valley Multi-Area Agreement 2008-2011</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Stockton-on-Tees Borough Council (North East)", html, StringComparison.Ordinal);
        Assert.Contains("Redcar and Cleveland Borough Council (North East)", html, StringComparison.Ordinal);
        Assert.Contains("economy, housing, transport, skills", html, StringComparison.Ordinal);
        Assert.Contains("Regional Development Agency, Middlesbrough Council area", html, StringComparison.Ordinal);
        Assert.Contains("by MAA negotiator, Government Office North East.", html, StringComparison.Ordinal);
        Assert.Contains("Agreed for the region.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RefreshWithoutADesignatedChange_ListsBothVersionsAndNeedsNoGovernmentOfficeDecision()
    {
        var police = new Partner("police", "Northumbria Police", "Chief officer of police", new Contact("P. Contact", "p@police.example"), []);
        var designated = new Target("NI 16", TargetKind.Designated, ["police"], 18.2m, new Dictionary<string, decimal> { ["2010/11"] = 16.0m }, HigherIsBetter: false);
        var before = new Target("Town centre footfall", TargetKind.Local, ["police"], 100m, new Dictionary<string, decimal> { ["2010/11"] = 110m });
        var after = before with { Trajectory = new Dictionary<string, decimal> { ["2010/11"] = 117.5m } };
        var agreed = new DateTime(2009, 2, 20, 12, 0, 0, DateTimeKind.Utc);
        var model = new AgreementDocumentModel(
            "neg-1-refresh-2009", new AgreementHeader("Sunderland", "Sunderland City Council", "North East", "2008-2011", agreed.AddDays(30)),
            new Contact("A. Lead", "lead@sunderland.example"), new Contact("G. Officer", "go@gone.example"), [police], [designated, after],
            [new Endorsement("police", agreed, 1, AnswerSource.EmailLink)], agreed, null,
            Refresh: new RefreshDocument("2009 refresh of the 2008 agreement", "neg-1", "2008 agreement", Refresh.Compare([designated, before], [designated, after]), GovernmentOfficeDecided: false));

        var html = AgreementDocumentRenderer.Render(model);

        Assert.Contains("<title>Sunderland Local Area Agreement 2008-2011: 2009 refresh of the 2008 agreement</title>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"changed\"><td>Town centre footfall</td>", html, StringComparison.Ordinal);
        Assert.Contains("117.5", html, StringComparison.Ordinal);
        Assert.Contains(">110<", html, StringComparison.Ordinal);
        Assert.Contains("The 2008 agreement&#39;s targets, as agreed before this refresh", html, StringComparison.Ordinal);
        Assert.Contains("without a Government Office decision", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Approved on", html, StringComparison.Ordinal);
    }
}
