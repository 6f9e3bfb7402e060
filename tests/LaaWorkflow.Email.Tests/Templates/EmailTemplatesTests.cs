using System.Text.RegularExpressions;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Templates;
using LaaWorkflow.Email.Tests.Support;

namespace LaaWorkflow.Email.Tests.Templates;

public sealed partial class EmailTemplatesTests
{
    private const string Hostile = "<script>alert('x')</script> & \"Ltd\" <img src=http://evil.example/x.png>";
    private static readonly DateTimeOffset s_finalisedAt = Samples.ResponseDeadline.AddDays(60);

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
            // Which deadline each names is checked by Render_EveryDate_IsTheTimetablesDateForWhatItNames.
            Assert.True(
                (email.Text + email.Subject).Contains("14 April 2008", StringComparison.Ordinal) || email.Text.Contains("30 June 2008", StringComparison.Ordinal),
                $"{kind} names neither the answer nor the sign-off deadline.");
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
        var agreement = new AgreementSummary("Sunderland" + Hostile, "Council" + Hostile, "2008-2011", Samples.ResponseDeadline, Samples.SignOffDeadline);

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

    /// <summary>
    /// Every date an email prints is one of the timetable's, named by what it is: the answer deadline where answers
    /// are due, the sign-off deadline where the agreement must be signed off, and no other deadline. The objection
    /// notice once printed the partners' answer deadline as "the sign-off deadline".
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void Render_EveryDate_IsTheTimetablesDateForWhatItNames(string kind)
    {
        var email = Render(Samples.Agreement, Samples.Targets, "P. Contact", "Northumbria Police", "Please phase NI 16 more gently.")[kind];
        var answers = EmailDocument.Date(Samples.ResponseDeadline);
        var signOff = EmailDocument.Date(Samples.SignOffDeadline);
        var others = new[] { EmailDocument.Date(Samples.Now), EmailDocument.Date(s_finalisedAt) };

        foreach (var text in new[] { email.Subject, email.Text })
        {
            var dates = DateInText().Matches(text).Select(m => (m.Index, m.Value)).ToList();
            foreach (var (index, date) in dates)
            {
                // The words just before a date say what it is (in the text body, a fact's label is on the line before).
                var before = text[Math.Max(0, index - 80)..index];
                var saysSignOff = before.Contains("sign-off", StringComparison.OrdinalIgnoreCase) || before.Contains("signed off", StringComparison.OrdinalIgnoreCase);
                var saysAnswers = before.Contains("answer", StringComparison.OrdinalIgnoreCase) || before.Contains("due by", StringComparison.OrdinalIgnoreCase);
                if (date == signOff)
                {
                    Assert.True(saysSignOff, $"{kind}: the sign-off deadline {date} is printed after \"{before}\", which does not call it the sign-off deadline.");
                }
                else if (date == answers)
                {
                    Assert.True(saysAnswers && !before[^Math.Min(before.Length, 40)..].Contains("sign-off", StringComparison.OrdinalIgnoreCase),
                        $"{kind}: the answer deadline {date} is printed after \"{before}\", which does not call it the answer deadline.");
                }
                else
                {
                    Assert.True(others.Contains(date), $"{kind}: {date} is none of the timetable's dates.");
                }
            }
        }

        // The endings and the submission are about the sign-off deadline; emails about answers print their due date.
        string[] aboutSignOff =
        [
            nameof(EmailKind.GovernmentOfficeSubmission), nameof(EmailKind.FinalAgreementNotice), nameof(EmailKind.DeadlineMissedNotice),
            nameof(EmailKind.LeadAnswerNotice), nameof(EmailKind.LeadDigest), nameof(EmailKind.LeadChase), nameof(EmailKind.SignOffWarning),
        ];
        Assert.Contains(aboutSignOff.Contains(kind) ? signOff : answers, email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void LeadAnswerNotice_OutsideAConsultation_NamesOnlyTheSignOffDeadline()
    {
        var agreement = Samples.Agreement with { AnswersDueBy = null };

        var email = EmailTemplates.LeadAnswerNotice(new LeadAnswerNoticeModel(agreement, "Lead", "Government Office North East", AnswerDecision.RequestChanges, "Tighten NI 152.", 2));

        Assert.Contains("signed off by " + EmailDocument.Date(Samples.SignOffDeadline), email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(EmailDocument.Date(Samples.ResponseDeadline), email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void LeadChase_ToTheLeadThenUpTheLadder_SaysWhoIsAwaitedSinceWhenAndForWhat()
    {
        var toLead = EmailTemplates.LeadChase(new LeadChaseModel(Samples.Agreement, "LSP lead officer", "LSP lead officer", 0, 2, Samples.Now, "Northumbria Police objected: NI 16 is too steep."));
        var toChief = EmailTemplates.LeadChase(new LeadChaseModel(Samples.Agreement, "Chief executive", "LSP lead officer", 1, 3, Samples.Now, "Northumbria Police objected: NI 16 is too steep."));

        Assert.StartsWith("Reminder:", toLead.Subject, StringComparison.Ordinal);
        Assert.Contains("waited for your revised targets since " + EmailDocument.Date(Samples.Now) + " (reminder 2)", toLead.Text, StringComparison.Ordinal);
        Assert.StartsWith("Escalation:", toChief.Subject, StringComparison.Ordinal);
        Assert.Contains("revised targets from LSP lead officer, the LSP lead", toChief.Text, StringComparison.Ordinal);
        Assert.Contains("escalation contact at level 1", toChief.Text, StringComparison.Ordinal);
        Assert.All([toLead, toChief], e => Assert.Contains("NI 16 is too steep.", e.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void GovernmentOfficeSubmission_TargetThatGetsWorse_ShowsItsDirectionAndJustification()
    {
        var worse = Samples.Targets[0] with { HigherIsBetter = false, Justification = "The new recording standard adds offences before it removes them." };

        var email = EmailTemplates.GovernmentOfficeSubmission(new GovernmentOfficeSubmissionModel(
            Samples.Agreement, "G. Officer", "North East", [worse, .. Samples.Targets.Skip(1)], [], null));

        Assert.Contains("(lower is better)", email.Text, StringComparison.Ordinal);
        Assert.Contains("Gets worse before it improves, because: The new recording standard adds offences before it removes them.", email.Text, StringComparison.Ordinal);
        Assert.Contains("Gets worse before it improves, because: The new recording standard", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void GovernmentOfficeSubmission_OfARefresh_AsksOnlyAboutTheDesignatedChanges()
    {
        var email = EmailTemplates.GovernmentOfficeSubmission(new GovernmentOfficeSubmissionModel(
            Samples.Agreement, "G. Officer", "North East", [Samples.Targets[0]], [], new Uri("https://laa.example/decide"))
        {
            Refresh = "2009 refresh of the 2008 agreement",
            Changes = [new ChangeLine("NI 16 (designated, changed): 2010/11 16 to 15.5", true), new ChangeLine("Town centre footfall (local, changed)", false)],
        });

        Assert.Contains("2009 refresh of the 2008 agreement", email.Subject, StringComparison.Ordinal);
        Assert.Contains("NI 16 (designated, changed): 2010/11 16 to 15.5 [for your decision]", email.Text, StringComparison.Ordinal);
        Assert.Contains("Town centre footfall (local, changed) [agreed by the partners concerned]", email.Text, StringComparison.Ordinal);
        Assert.Contains("Designated targets for your decision", email.Text, StringComparison.Ordinal);
        Assert.Contains("<li>Town centre footfall (local, changed) [agreed by the partners concerned]</li>", email.Html, StringComparison.Ordinal);
        Assert.Contains("https://laa.example/decide", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void PartnerInvitationAndReminder_OfARefresh_NameTheRefreshAndSayUnchangedTargetsStand()
    {
        var refresh = Samples.Agreement with { Version = "2009 refresh of the 2008 agreement" };

        var invitation = EmailTemplates.PartnerInvitation(new(refresh, "P. Contact", "Northumbria Police", Samples.Targets, Links, 1));
        var reminder = EmailTemplates.PartnerReminder(new(refresh, "P. Contact", "Northumbria Police", Samples.Targets, Links, 1, 1));
        var original = EmailTemplates.PartnerInvitation(new(Samples.Agreement, "P. Contact", "Northumbria Police", Samples.Targets, Links, 1));

        Assert.StartsWith("Sunderland Local Area Agreement, 2009 refresh of the 2008 agreement: please answer", invitation.Subject, StringComparison.Ordinal);
        Assert.Contains("Sunderland Local Area Agreement 2008-2011: 2009 refresh of the 2008 agreement", invitation.Html, StringComparison.Ordinal);
        Assert.Contains("is refreshing the Sunderland Local Area Agreement with its partners (2009 refresh of the 2008 agreement)", invitation.Text, StringComparison.Ordinal);
        Assert.Contains("Targets the refresh leaves unchanged stand as agreed.", invitation.Text, StringComparison.Ordinal);
        Assert.StartsWith("Reminder: Sunderland Local Area Agreement, 2009 refresh of the 2008 agreement answer due by", reminder.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh", original.Subject + original.Text, StringComparison.Ordinal);
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
            [nameof(EmailKind.FinalAgreementNotice)] = EmailTemplates.FinalAgreementNotice(new(a, recipient, targets, partners, new Uri("https://laa.example.org/agreements/neg-1.html"), s_finalisedAt)),
            [nameof(EmailKind.DeadlineMissedNotice)] = EmailTemplates.DeadlineMissedNotice(new(a, recipient, [comment, "Government Office approval was not received."], partners)),
            [nameof(EmailKind.AnswerConfirmation)] = EmailTemplates.AnswerConfirmation(new(a, recipient, partner, AnswerDecision.RequestChanges, comment, 1, Samples.Now)),
            [nameof(EmailKind.ReplyNotUnderstood)] = EmailTemplates.ReplyNotUnderstood(new(a, recipient, comment, "The first line must start with endorse, object: or changes:.", Links.Page)),
            [nameof(EmailKind.DeliveryProblemNotice)] = EmailTemplates.DeliveryProblemNotice(new(a, recipient, partner, "p@police.example", "550 5.1.1 " + comment)),
            [nameof(EmailKind.LeadChase)] = EmailTemplates.LeadChase(new(a, "Chief executive", recipient, 1, 3, Samples.Now, partner + " objected: " + comment)),
            [nameof(EmailKind.SignOffWarning)] = EmailTemplates.SignOffWarning(new(a, recipient, 7, "waiting for the LSP lead's revision", [partner + " objected: " + comment])),
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

    [GeneratedRegex(@"\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}, \d{2}:\d{2} UTC")]
    private static partial Regex DateInText();
}
