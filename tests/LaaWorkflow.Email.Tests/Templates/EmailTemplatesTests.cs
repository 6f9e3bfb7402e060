using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Templates;
using LaaWorkflow.Email.Tests.Support;

namespace LaaWorkflow.Email.Tests.Templates;

public sealed class EmailTemplatesTests
{
    private const string Hostile = "<script>alert('x')</script> & \"Ltd\" <img src=http://evil.example/x.png>";
    private static readonly AnswerLinks Links = new(new Uri("https://laa.example.org/api/respond/abc234"), new EmailAddress("reply+abc234@inbound.example.org", "LAA answers"));

    public static TheoryData<string> Kinds() => [.. Render(Samples.Agreement, Samples.Targets, "P. Contact", "Northumbria Police", "The baseline double counts burglaries").Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Render_EveryTemplate_ShowsAreaAndDeadlineInBothBodies(string kind)
    {
        var email = Render(Samples.Agreement, Samples.Targets, "P. Contact", "Northumbria Police", "The baseline double counts burglaries")[kind];

        if (kind != nameof(EmailKind.ReplyNotUnderstood))
        {
            Assert.Contains("Sunderland", email.Subject, StringComparison.Ordinal);
            Assert.Contains("14 April 2008", email.Text + email.Subject, StringComparison.Ordinal);
        }

        Assert.Contains("Sunderland", email.Text, StringComparison.Ordinal);
        Assert.Contains("Sunderland", email.Html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", email.Html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en-GB\">", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', email.Subject);
    }

    [Theory]
    [InlineData(nameof(EmailKind.PartnerInvitation))]
    [InlineData(nameof(EmailKind.PartnerReminder))]
    [InlineData(nameof(EmailKind.EscalationNotice))]
    public void Render_PartnerTemplates_ListTargetsAndAnswerLinks(string kind)
    {
        var email = Render(Samples.Agreement, Samples.Targets, "P. Contact", "Northumbria Police", "comment")[kind];

        foreach (var body in new[] { email.Text, email.Html })
        {
            Assert.Contains("NI 16", body, StringComparison.Ordinal);
            Assert.Contains("Serious acquisitive crime rate", body, StringComparison.Ordinal);
            Assert.Contains("18.2", body, StringComparison.Ordinal);
            Assert.Contains("2010/11: 16.0", body, StringComparison.Ordinal);
            Assert.Contains("https://laa.example.org/api/respond/abc234", body, StringComparison.Ordinal);
            Assert.Contains("reply+abc234@inbound.example.org", body, StringComparison.Ordinal);
        }

        Assert.Contains("<th scope=\"col\"", email.Html, StringComparison.Ordinal);
        Assert.Contains("<caption", email.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Render_UserTextWithMarkup_IsEncodedInHtml(string kind)
    {
        var hostileTargets = new List<TargetLine> { new("NI 16" + Hostile, "Title" + Hostile, "local", 1m, [new("2008/09" + Hostile, 2m)]) };
        var agreement = new AgreementSummary("Sunderland" + Hostile, "Council" + Hostile, "2008-2011", Samples.ResponseDeadline);

        var email = Render(agreement, hostileTargets, "Name" + Hostile, "Partner" + Hostile, "Comment" + Hostile)[kind];

        Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=http://evil", email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", email.Html, StringComparison.Ordinal);

        // The plain-text body shows the same text as typed: it is not HTML.
        Assert.Contains("<script>", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NameWithLineBreak_KeepsSubjectOnOneLine()
    {
        var email = EmailTemplates.PartnerInvitation(new PartnerInvitationModel(Samples.Agreement, "P", "Police\r\nBcc: victim@example.com", Samples.Targets, Links, 1));

        Assert.DoesNotContain('\r', email.Subject);
        Assert.DoesNotContain('\n', email.Subject);
    }

    [Fact]
    public void Render_EveryTemplate_WritesSampleFiles()
    {
        var folder = SamplesFolder();
        Directory.CreateDirectory(folder);
        var rendered = Render(Samples.Agreement, Samples.Targets, "P. Contact", "Northumbria Police", "The NI 16 baseline double counts burglaries reported twice.");

        foreach (var (kind, email) in rendered)
        {
            File.WriteAllText(Path.Combine(folder, $"{kind}.html"), email.Html);
            File.WriteAllText(Path.Combine(folder, $"{kind}.txt"), $"Subject: {email.Subject}\n\n{email.Text}");
        }

        Assert.Equal(Enum.GetNames<EmailKind>().Order(StringComparer.Ordinal), rendered.Keys.Order(StringComparer.Ordinal));
        Assert.All(rendered.Keys, kind => Assert.True(new FileInfo(Path.Combine(folder, $"{kind}.html")).Length > 500));
    }

    /// <summary>One rendering of every email kind, keyed by the kind's name.</summary>
    private static Dictionary<string, RenderedEmail> Render(AgreementSummary a, IReadOnlyList<TargetLine> targets, string recipient, string partner, string comment)
    {
        var partners = new List<PartnerStatusLine>
        {
            new(partner, "endorsed"),
            new("Sunderland Teaching Primary Care Trust", "objected", comment),
            new("Tyne and Wear Fire and Rescue Authority", "escalated", null, 2),
        };
        return new Dictionary<string, RenderedEmail>(StringComparer.Ordinal)
        {
            [nameof(EmailKind.PartnerInvitation)] = EmailTemplates.PartnerInvitation(new(a, recipient, partner, targets, Links, 1)),
            [nameof(EmailKind.PartnerReminder)] = EmailTemplates.PartnerReminder(new(a, recipient, partner, targets, Links, 1, 2)),
            [nameof(EmailKind.EscalationNotice)] = EmailTemplates.EscalationNotice(new(a, "Deputy Chief Constable", partner, recipient, 1, targets, Links, 1)),
            [nameof(EmailKind.LeadDigest)] = EmailTemplates.LeadDigest(new(a, recipient, partners, 4, 7)),
            [nameof(EmailKind.LeadAnswerNotice)] = EmailTemplates.LeadAnswerNotice(new(a, recipient, partner, AnswerDecision.Object, comment, 1)),
            [nameof(EmailKind.GovernmentOfficeSubmission)] = EmailTemplates.GovernmentOfficeSubmission(new(a, recipient, "North East", targets, partners, new Uri("https://laa.example.org/api/negotiations/neg-1/government-office/decision"))),
            [nameof(EmailKind.FinalAgreementNotice)] = EmailTemplates.FinalAgreementNotice(new(a, recipient, targets, partners, new Uri("https://laa.example.org/agreements/neg-1.html"), Samples.ResponseDeadline.AddDays(60))),
            [nameof(EmailKind.DeadlineMissedNotice)] = EmailTemplates.DeadlineMissedNotice(new(a, recipient, [comment, "Government Office approval was not received."], partners)),
            [nameof(EmailKind.AnswerConfirmation)] = EmailTemplates.AnswerConfirmation(new(a, recipient, partner, AnswerDecision.RequestChanges, comment, 1, Samples.Now)),
            [nameof(EmailKind.ReplyNotUnderstood)] = EmailTemplates.ReplyNotUnderstood(new(a, recipient, comment, "The first line must start with endorse, object: or changes:.", Links.Page)),
            [nameof(EmailKind.DeliveryProblemNotice)] = EmailTemplates.DeliveryProblemNotice(new(a, recipient, partner, "p@police.example", "550 5.1.1 " + comment)),
        };
    }

    private static string SamplesFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LaaWorkflow.sln")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? AppContext.BaseDirectory;
        return Path.Combine(root, "tests", "TestResults", "email-samples");
    }
}
