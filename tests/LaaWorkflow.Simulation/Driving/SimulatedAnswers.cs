using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LaaWorkflow.Simulation.Areas;

namespace LaaWorkflow.Simulation.Driving;

/// <summary>Something someone will do on a given day: a partner's answer, a revision, a Government Office decision.</summary>
internal sealed record PlannedAction(DateTimeOffset Due, AreaState Area, string Kind, Func<HostClient, CancellationToken, Task<bool>> Act);

/// <summary>
/// Decides, from one email, what its recipient does and when: the partner, the LSP lead or the Government Office
/// negotiator, according to the area's fate and the partner's timing. Pure logic over the email's fields.
/// </summary>
internal static partial class SimulatedAnswers
{
    /// <summary>A reaction: after how many days, and what.</summary>
    internal sealed record Reaction(int AfterDays, string Kind, string? PartnerId = null, Uri? Link = null, string? Decision = null, bool Approve = false);

    public static Reaction? React(AreaState state, JsonObject message)
    {
        var key = message["id"]?.GetValue<string>() ?? "";
        var category = message["category"]?.GetValue<string>() ?? "";
        var partnerId = message["partnerId"]?.GetValue<string>();
        var link = AnswerLink().Match(message["text"]?.GetValue<string>() ?? "") is { Success: true } match ? new Uri(match.Value) : null;
        var round = RoundOf(key);
        var area = state.Area;
        switch (category)
        {
            case "PartnerInvitation" or "PartnerReminder" or "EscalationNotice" when partnerId is not null && link is not null:
                return PartnerReaction(state, category, partnerId, link, round);
            case "LeadAnswerNotice":
                var reacted = (partnerId is null ? "go:" : "r:") + (partnerId is null ? SubmissionOf(key) : round);
                if (state.RevisionsPlanned < area.RevisionsAllowed && state.LeadReacted.Add(reacted))
                {
                    state.RevisionsPlanned++;
                    return new Reaction(2, "revise", partnerId);
                }

                return null;
            case "GovernmentOfficeSubmission":
                var submission = SubmissionOf(key);
                if (!state.Submissions.Add(submission))
                {
                    return null;
                }

                return new Reaction(3, "decide", Approve: !(area.Fate == AreaFate.GovernmentOfficeRejectsFirst && submission == 1));
            default:
                return null;
        }
    }

    private static Reaction? PartnerReaction(AreaState state, string category, string partnerId, Uri link, int round)
    {
        var area = state.Area;
        var special = partnerId == area.SpecialPartnerId;
        if (special && area.Fate == AreaFate.PartnerSilent)
        {
            return null;
        }

        var key = $"{partnerId}#r{round}";
        if (state.Answered.Contains(key))
        {
            return null;
        }

        Reaction? reaction;
        if (round > 1)
        {
            // Asked again after a revision: the revision answers everyone, except a partner whose objection stands.
            reaction = category == "PartnerInvitation"
                ? new Reaction(2, "answer", partnerId, link, special && area.Fate == AreaFate.ObjectionStands ? "object" : "endorse")
                : null;
        }
        else if (special && area.Fate is AreaFate.ChangesRequested or AreaFate.ObjectionResolved or AreaFate.ObjectionStands)
        {
            reaction = category == "PartnerInvitation"
                ? new Reaction(area.Partner(partnerId).AnswerAfterDays, "answer", partnerId, link, area.Fate == AreaFate.ChangesRequested ? "request-changes" : "object")
                : null;
        }
        else
        {
            var partner = area.Partner(partnerId);
            reaction = (category, partner.Timing) switch
            {
                ("PartnerInvitation", PartnerTiming.OnTime) => new Reaction(partner.AnswerAfterDays, "answer", partnerId, link, "endorse"),
                ("PartnerReminder", PartnerTiming.AfterReminder) => new Reaction(1, "answer", partnerId, link, "endorse"),
                ("EscalationNotice", PartnerTiming.AfterEscalation or PartnerTiming.AfterReminder) => new Reaction(1, "answer", partnerId, link, "endorse"),
                _ => null,
            };
        }

        if (reaction is not null)
        {
            state.Answered.Add(key);
        }

        return reaction;
    }

    /// <summary>The consultation round an email key names (<c>...:r2:...</c>), 1 when it names none.</summary>
    internal static int RoundOf(string key) => RoundKey().Match(key) is { Success: true } m ? int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) : 1;

    /// <summary>The Government Office submission an email key names (<c>...:go:s2:...</c>), 1 when it names none.</summary>
    internal static int SubmissionOf(string key) => SubmissionKey().Match(key) is { Success: true } m ? int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) : 1;

    [GeneratedRegex(@"https?://[^\s<>""']+/api/respond/[^\s<>""']+")]
    private static partial Regex AnswerLink();

    [GeneratedRegex(@":r(\d+):")]
    private static partial Regex RoundKey();

    [GeneratedRegex(@":go:s(\d+):")]
    private static partial Regex SubmissionKey();
}
