using LaaWorkflow.Email.Storage;

namespace LaaWorkflow.Email.Transports.Outbox;

/// <summary>The local transport: stores each message instead of sending it.</summary>
/// <remarks>Idempotent because the store inserts only when the key is absent: a repeated send finds the row and does nothing.</remarks>
internal sealed class OutboxEmailSender : IEmailSender, IOutboxReader
{
    private readonly IOutboxStore _store;
    private readonly TimeProvider _time;

    public OutboxEmailSender(IOutboxStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var stored = new OutboxMessage(
            message.Key,
            message.To.Email,
            message.Subject,
            message.Text,
            message.Html,
            message.BusinessTime ?? _time.GetUtcNow(),
            message.Kind.ToString(),
            message.NegotiationId,
            message.PartnerId,
            message.ReplyTo?.Email)
        {
            StoredAt = _time.GetUtcNow(),
        };
        return await _store.TryAddAsync(stored, cancellationToken) ? EmailSendResult.Sent : EmailSendResult.AlreadySent;
    }

    public Task<IReadOnlyList<OutboxMessage>> ReadAsync(string? to, int top, CancellationToken cancellationToken) =>
        ReadAsync(to, top, null, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> ReadAsync(string? to, int top, DateTimeOffset? since, CancellationToken cancellationToken) =>
        QueryAsync(new OutboxQuery { To = to, Since = since }, top, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> QueryAsync(OutboxQuery query, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var cleaned = query with
        {
            To = Blank(query.To),
            NegotiationId = Blank(query.NegotiationId),
            Category = Blank(query.Category),
        };
        return _store.QueryAsync(cleaned, Math.Clamp(top, 1, 1000), cancellationToken);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
