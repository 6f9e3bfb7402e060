using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Templates;
using LaaWorkflow.Email.Tests.Support;
using LaaWorkflow.Email.Web;

namespace LaaWorkflow.Email.Tests.Web;

public sealed class AnswerPagesTests
{
    private static readonly AnswerToken s_token = new(Samples.NegotiationId, Samples.PartnerId, 1, DateTimeOffset.MaxValue);

    [Fact]
    public void Confirmed_InARehearsal_ShowsWhenTheAnswerCameOnTheRehearsalsCalendar()
    {
        var received = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
        var onCalendar = new DateTimeOffset(2008, 3, 4, 11, 30, 0, TimeSpan.Zero);
        var answer = new AnswerSubmission(Samples.NegotiationId, Samples.PartnerId, 1, AnswerDecision.Endorse, null, AnswerSource.EmailLink, received);
        var rehearsal = Samples.View() with { BusinessTimeOf = real => real == received ? onCalendar : real };

        var page = AnswerPages.Confirmed(answer, rehearsal, repeated: false);
        var real = AnswerPages.Confirmed(answer, Samples.View(), repeated: false);

        Assert.Contains(EmailDocument.Date(onCalendar), page, StringComparison.Ordinal);
        Assert.DoesNotContain(EmailDocument.Date(received), page, StringComparison.Ordinal);
        Assert.Contains(EmailDocument.Date(received), real, StringComparison.Ordinal);
    }

    [Fact]
    public void Choice_OfARefresh_NamesTheRefreshAndSaysUnchangedTargetsStand()
    {
        var page = AnswerPages.Choice(Samples.View() with { Version = "2009 refresh of the 2008 agreement" }, s_token);
        var original = AnswerPages.Choice(Samples.View(), s_token);

        Assert.Contains("2008-2011: 2009 refresh of the 2008 agreement</h1>", page, StringComparison.Ordinal);
        Assert.Contains("the targets the refresh leaves unchanged stand as agreed", page, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh", original, StringComparison.Ordinal);
    }

    [Fact]
    public void Choice_SentBackForCorrection_KeepsTheChoiceAndEveryTypedText()
    {
        var draft = new AnswerDraft("object", "Our <board> meets in April.", new Dictionary<string, string>(StringComparer.Ordinal) { ["NI 20"] = "Too steep." });

        var page = AnswerPages.Choice(Samples.View(), s_token, "Please give a reason for your objection.", draft, "comment");

        Assert.Contains("value=\"object\" required checked", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"endorse\" required checked", page, StringComparison.Ordinal);
        Assert.Contains(">Our &lt;board&gt; meets in April.</textarea>", page, StringComparison.Ordinal);
        Assert.Contains("name=\"target:NI 20\" rows=\"2\" maxlength=\"4000\">Too steep.</textarea>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#comment\">Please give a reason", page, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Choice_DecisionBeforeTargets_EachTargetWithItsDirectionAndCommentBox()
    {
        var view = Samples.View() with
        {
            Targets = [Samples.Targets[0] with { HigherIsBetter = false }, Samples.Targets[1] with { HigherIsBetter = true }],
            LspLead = new EmailAddress("lead@sunderland.example", "A. Lead"),
        };

        var page = AnswerPages.Choice(view, s_token);

        Assert.True(page.IndexOf("id=\"decision-endorse\"", StringComparison.Ordinal) < page.IndexOf("class=\"target\"", StringComparison.Ordinal));
        Assert.True(page.IndexOf("Lower is better", StringComparison.Ordinal) < page.IndexOf("NI 20", StringComparison.Ordinal));
        Assert.Contains("Higher is better", page[page.IndexOf("NI 20", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("<label for=\"target-0\">Comment on NI 16 (optional)</label>", page, StringComparison.Ordinal);
        Assert.Contains("A. Lead", page, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:lead@sunderland.example\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AnswerDecision.Endorse, "goes to the Government Office")]
    [InlineData(AnswerDecision.Object, "reads your reason")]
    [InlineData(AnswerDecision.RequestChanges, "asked again")]
    public void Confirmed_EachDecision_SaysWhatHappensNext(AnswerDecision decision, string expected)
    {
        var answer = new AnswerSubmission(Samples.NegotiationId, Samples.PartnerId, 1, decision, "Because.", AnswerSource.EmailLink, Samples.Now);

        var page = AnswerPages.Confirmed(answer, Samples.View(), repeated: false);

        Assert.Contains("What happens next", page, StringComparison.Ordinal);
        Assert.Contains(expected, page, StringComparison.Ordinal);
        Assert.Contains("emailed to p@police.example", page, StringComparison.Ordinal);
    }
}
