using LaaWorkflow.Email.Answers;

namespace LaaWorkflow.Email.Tests.Answers;

public sealed class AnswerFormTests
{
    private static readonly string[] s_targets = ["NI 16", "NI 20"];

    [Fact]
    public void Compose_CommentsOnTargets_FoldedAsOneLinePerTargetInTheTargetsOrder()
    {
        var composed = AnswerForm.Compose(" The board has not met. ", s_targets, new Dictionary<string, string>
        {
            ["NI 20"] = "Too steep\r\nfor year two.",
            ["NI 16"] = "Baseline is last year's.",
        });

        Assert.Equal("The board has not met.\nNI 16: Baseline is last year's.\nNI 20: Too steep for year two.", composed);
    }

    [Fact]
    public void Compose_CommentNamingNoTargetOfThePartner_IsLeftOut()
    {
        var composed = AnswerForm.Compose("", s_targets, new Dictionary<string, string> { ["NI 999"] = "Not ours.", ["NI 20"] = " " });

        Assert.Null(composed);
    }

    [Fact]
    public void Parse_ObjectionWhoseOnlyReasonIsATargetComment_IsAccepted()
    {
        var composed = AnswerForm.Compose(null, s_targets, new Dictionary<string, string> { ["NI 16"] = "Baseline is wrong." });

        var (decision, comment, error) = AnswerForm.Parse("object", composed);

        Assert.Null(error);
        Assert.Equal((AnswerDecision.Object, "NI 16: Baseline is wrong."), (decision, comment));
    }
}
