using System.Collections.Concurrent;
using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Reliability.Harness;

/// <summary>One answer the host confirmed (a 2xx to the partner's POST): it must be in the final state.</summary>
internal sealed record ConfirmedAnswer(string NegotiationId, string PartnerId, int Round, string Decision);

/// <summary>Every answer a host confirmed during a run, read from the signed link it was posted to.</summary>
internal sealed class AnswerLog
{
    private readonly ConcurrentQueue<ConfirmedAnswer> _confirmed = new();
    private readonly AnswerTokenService _tokens;

    public AnswerLog(string tokenKey)
    {
        var options = new EmailOptions { Tokens = new AnswerTokenOptions { ActiveKeyId = "test", Keys = { ["test"] = tokenKey } } };
        // Expiry is not what is checked here: read the link as of a time before any link was issued.
        _tokens = new AnswerTokenService(Options.Create(options), new FixedTime(new DateTimeOffset(2007, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    public IReadOnlyList<ConfirmedAnswer> Confirmed => [.. _confirmed];

    /// <summary>Notes a confirmed POST to <c>/api/respond/{token}</c> with its form body.</summary>
    public void Note(Uri link, string form)
    {
        var token = Uri.UnescapeDataString(link.AbsolutePath[(link.AbsolutePath.LastIndexOf('/') + 1)..]);
        var verified = _tokens.Verify(token);
        if (!verified.IsValid || verified.Token is null)
        {
            return;
        }

        var decision = form.Split('&')
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0] == "decision")
            .Select(pair => Uri.UnescapeDataString(pair[1].Replace('+', ' ')))
            .FirstOrDefault() ?? "";
        _confirmed.Enqueue(new ConfirmedAnswer(verified.Token.NegotiationId, verified.Token.PartnerId, verified.Token.Round, decision));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
