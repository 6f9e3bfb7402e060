using System.Collections.Concurrent;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Transports.Outbox;

namespace LaaWorkflow.Email.Storage;

/// <summary>Process-local stores, for unit tests of the logic above them; the app uses the Table storage ones.</summary>
internal sealed class InMemoryStores : IOutboxStore, ISentLog, IAnswerLedger, IWebhookEventLog
{
    private readonly ConcurrentDictionary<string, OutboxMessage> _outbox = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SentLogEntry> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, string, int), AnswerSubmission> _answers = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _events = new(StringComparer.Ordinal);

    public Task<bool> TryAddAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(_outbox.TryAdd(message.Id, message));

    public Task<IReadOnlyList<OutboxMessage>> ReadAsync(string? to, int top, DateTimeOffset? since, CancellationToken cancellationToken) =>
        QueryAsync(new OutboxQuery { To = to, Since = since }, top, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> QueryAsync(OutboxQuery query, int top, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutboxMessage>>(_outbox.Values
            .Where(m => query.To is null || string.Equals(m.To, query.To, StringComparison.OrdinalIgnoreCase))
            .Where(m => query.Since is null || (m.StoredAt ?? m.SentAt) >= query.Since)
            .Where(m => query.NegotiationId is null || m.NegotiationId == query.NegotiationId)
            .Where(m => query.Category is null || m.Category == query.Category)
            .Where(m => query.SentFrom is null || m.SentAt >= query.SentFrom)
            .Where(m => query.SentBefore is null || m.SentAt < query.SentBefore)
            .OrderByDescending(m => m.SentAt)
            .Take(top)
            .ToList());

    public Task<SentLogEntry?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_sent.TryGetValue(key, out var entry) ? entry : null);

    public Task<bool> TryInsertAsync(SentLogEntry entry, CancellationToken cancellationToken) =>
        Task.FromResult(_sent.TryAdd(entry.Key, entry));

    public Task UpsertAsync(SentLogEntry entry, CancellationToken cancellationToken)
    {
        _sent[entry.Key] = entry;
        return Task.CompletedTask;
    }

    public Task<AnswerSubmission> InsertOrGetAsync(AnswerSubmission submission, CancellationToken cancellationToken) =>
        Task.FromResult(_answers.GetOrAdd((submission.NegotiationId, submission.PartnerId, submission.Round), submission));

    public Task<AnswerSubmission?> GetAsync(string negotiationId, string partnerId, int round, CancellationToken cancellationToken) =>
        Task.FromResult(_answers.TryGetValue((negotiationId, partnerId, round), out var answer) ? answer : null);

    public Task<bool> IsHandledAsync(string eventId, CancellationToken cancellationToken) =>
        Task.FromResult(_events.ContainsKey(eventId));

    public Task MarkHandledAsync(string eventId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        _events.TryAdd(eventId, at);
        return Task.CompletedTask;
    }
}
