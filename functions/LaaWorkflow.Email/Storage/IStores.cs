using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Transports.Outbox;

namespace LaaWorkflow.Email.Storage;

/// <summary>The outbox transport's store: one entry per message key, never overwritten.</summary>
internal interface IOutboxStore
{
    /// <summary>Stores the message unless its key is already stored; false when it was.</summary>
    Task<bool> TryAddAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="top"/> messages, only those stored at or after <paramref name="since"/> when given.</summary>
    Task<IReadOnlyList<OutboxMessage>> ReadAsync(string? to, int top, DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="top"/> messages matching every condition <paramref name="query"/> sets.</summary>
    Task<IReadOnlyList<OutboxMessage>> QueryAsync(OutboxQuery query, int top, CancellationToken cancellationToken);
}

/// <summary>The SendGrid transport's record of what it has handed to SendGrid.</summary>
internal interface ISentLog
{
    /// <summary>The entry for a key, or null when the key was never attempted.</summary>
    Task<SentLogEntry?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes the entry unless its key has one; false when it had.</summary>
    Task<bool> TryInsertAsync(SentLogEntry entry, CancellationToken cancellationToken);

    /// <summary>Writes or replaces the entry for its key.</summary>
    Task UpsertAsync(SentLogEntry entry, CancellationToken cancellationToken);
}

/// <summary>State of one message key in the sent log.</summary>
internal enum SentLogState
{
    /// <summary>A request to SendGrid is (or was, before a crash) in flight.</summary>
    Sending,

    /// <summary>SendGrid accepted the message.</summary>
    Sent,

    /// <summary>SendGrid answered and did not accept it (a 4xx, or 5xx until retries ran out): free to try again.</summary>
    Failed,
}

internal sealed record SentLogEntry(string Key, SentLogState State, string To, string Kind, string NegotiationId, string? PartnerId, DateTimeOffset UpdatedAt, string? MessageId);

/// <summary>The answer ledger: the first answer per negotiation, partner and round, never replaced.</summary>
internal interface IAnswerLedger
{
    /// <summary>Inserts <paramref name="submission"/> unless an answer for its negotiation, partner and round is stored; returns the stored one.</summary>
    /// <exception cref="AnswerLedgerUnavailableException">Storage failed; nothing can be said about what is stored.</exception>
    Task<AnswerSubmission> InsertOrGetAsync(AnswerSubmission submission, CancellationToken cancellationToken);

    /// <summary>The stored answer, or null.</summary>
    Task<AnswerSubmission?> GetAsync(string negotiationId, string partnerId, int round, CancellationToken cancellationToken);
}

/// <summary>Webhook event ids already handled.</summary>
internal interface IWebhookEventLog
{
    /// <summary>Whether the event id was handled already.</summary>
    Task<bool> IsHandledAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Records the event id as handled (idempotent).</summary>
    Task MarkHandledAsync(string eventId, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>Storage failed while recording; the caller must not claim anything was recorded.</summary>
internal sealed class AnswerLedgerUnavailableException : Exception
{
    public AnswerLedgerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AnswerLedgerUnavailableException()
    {
    }

    public AnswerLedgerUnavailableException(string message)
        : base(message)
    {
    }
}
