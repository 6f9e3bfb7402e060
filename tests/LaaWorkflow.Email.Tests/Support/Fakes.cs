using System.Collections.Concurrent;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Events;
using LaaWorkflow.Email.Storage;

namespace LaaWorkflow.Email.Tests.Support;

/// <summary>The negotiation's side of the answer boundary: takes the first answer per round, as the real one must.</summary>
internal sealed class FakeAnswerSink : IAnswerSink
{
    private readonly ConcurrentDictionary<(string, string, int), AnswerSubmission> _applied = new();

    public ConcurrentQueue<AnswerSubmission> Calls { get; } = new();

    public AnswerSinkResult Next { get; set; } = AnswerSinkResult.Accepted;

    public IReadOnlyCollection<AnswerSubmission> Applied => _applied.Values.ToList();

    public bool Failing { get; set; }

    public Task<AnswerSinkResult> SubmitAsync(AnswerSubmission submission, CancellationToken cancellationToken)
    {
        Calls.Enqueue(submission);
        if (Failing)
        {
            throw new Azure.RequestFailedException(503, "The server is busy.");
        }

        if (Next.Status == AnswerSinkStatus.Accepted)
        {
            _applied.TryAdd((submission.NegotiationId, submission.PartnerId, submission.Round), submission);
        }

        return Task.FromResult(Next);
    }
}

internal sealed class FakeConsultationLookup : IConsultationLookup
{
    public ConsultationView? View { get; set; } = Samples.View();

    public Task<ConsultationView?> GetAsync(string negotiationId, string partnerId, CancellationToken cancellationToken) =>
        Task.FromResult(View is not null && View.NegotiationId == negotiationId && View.PartnerId == partnerId ? View : null);
}

internal sealed class FakeDeliveryProblemSink : IDeliveryProblemSink
{
    public ConcurrentQueue<(string NegotiationId, string PartnerId, string Email, string Reason)> Reports { get; } = new();

    public bool Failing { get; set; }

    public Task ReportAsync(string negotiationId, string partnerId, string email, string reason, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            throw new InvalidOperationException("the negotiation store is down");
        }

        Reports.Enqueue((negotiationId, partnerId, email, reason));
        return Task.CompletedTask;
    }
}

/// <summary>An answer ledger whose storage can be made to fail, around a working one.</summary>
internal sealed class FlakyLedger : IAnswerLedger
{
    private readonly IAnswerLedger _inner;

    public FlakyLedger(IAnswerLedger inner) => _inner = inner;

    public bool Failing { get; set; }

    public Task<AnswerSubmission> InsertOrGetAsync(AnswerSubmission submission, CancellationToken cancellationToken) =>
        Failing ? throw new AnswerLedgerUnavailableException("storage is down") : _inner.InsertOrGetAsync(submission, cancellationToken);

    public Task<AnswerSubmission?> GetAsync(string negotiationId, string partnerId, int round, CancellationToken cancellationToken) =>
        Failing ? throw new AnswerLedgerUnavailableException("storage is down") : _inner.GetAsync(negotiationId, partnerId, round, cancellationToken);
}
