using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Templates;
using LaaWorkflow.Email.Tests.Support;
using LaaWorkflow.Email.Web;

namespace LaaWorkflow.Email.Tests.Web;

public sealed class AnswerPagesTests
{
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
}
