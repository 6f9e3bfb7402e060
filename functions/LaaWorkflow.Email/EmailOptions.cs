namespace LaaWorkflow.Email;

/// <summary>Which transport sends email.</summary>
public enum EmailTransport
{
    /// <summary>Store every message in the outbox instead of sending it (the local default).</summary>
    Outbox,

    /// <summary>Send through the SendGrid v3 API.</summary>
    SendGrid,
}

/// <summary>Email settings, bound from the <c>Email</c> configuration section (<c>Email__...</c> in app settings).</summary>
public sealed class EmailOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Email";

    /// <summary><c>Email__Transport</c>: Outbox (default) or SendGrid.</summary>
    public EmailTransport Transport { get; set; } = EmailTransport.Outbox;

    /// <summary><c>Email__FromAddress</c>: the sender address.</summary>
    public string FromAddress { get; set; } = "laa@localhost.example";

    /// <summary><c>Email__FromName</c>: the sender's display name.</summary>
    public string FromName { get; set; } = "Local Area Agreement";

    /// <summary><c>Email__PublicBaseUrl</c>: where partners reach the app, for links (for example <c>https://laa.example.org</c>).</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:7071");

    /// <summary><c>Email__InboundDomain</c>: the domain SendGrid Inbound Parse receives for; reply-to addresses are <c>reply+{token}@</c> it.</summary>
    public string InboundDomain { get; set; } = "inbound.localhost.example";

    /// <summary><c>Email__InboundSecret</c>: the secret the Inbound Parse URL carries (<c>?secret=</c> or the <c>x-inbound-secret</c> header); inbound posts are refused while it is unset.</summary>
    public string? InboundSecret { get; set; }

    /// <summary><c>Email__MaxInboundBytes</c>: larger inbound posts are refused with 413.</summary>
    public long MaxInboundBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary><c>Email__EventWebhookPublicKey</c>: SendGrid's Event Webhook verification key (base64 SubjectPublicKeyInfo); events are refused while it is unset.</summary>
    public string? EventWebhookPublicKey { get; set; }

    /// <summary><c>Email__EventWebhookMaxAge</c>: signed events older than this (by their timestamp header) are refused, against replays.</summary>
    public TimeSpan EventWebhookMaxAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary><c>Email__TablePrefix</c>: prefix of the tables this library keeps (outbox, sent log, answer ledger, webhook events).</summary>
    public string TablePrefix { get; set; } = "Email";

    /// <summary><c>Email__Tokens__...</c>: answer token signing keys.</summary>
    public AnswerTokenOptions Tokens { get; set; } = new();
}

/// <summary>Answer token signing keys (<c>Email__Tokens__ActiveKeyId</c>, <c>Email__Tokens__Keys__{id}</c>).</summary>
public sealed class AnswerTokenOptions
{
    /// <summary>The key id that signs new tokens.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>Key id to base64 secret (at least 32 bytes); every key here verifies, so keep a retired key until its links expire.</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>SendGrid settings, bound from the <c>SendGrid</c> configuration section.</summary>
public sealed class SendGridOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SendGrid";

    /// <summary><c>SendGrid__ApiKey</c>: the API key with Mail Send permission. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary><c>SendGrid__BaseUrl</c>: the API root.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.sendgrid.com");

    /// <summary><c>SendGrid__MaxAttempts</c>: attempts per message on 429, 5xx and timeouts.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary><c>SendGrid__BaseDelay</c>: the first backoff delay; it doubles per attempt, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><c>SendGrid__MaxDelay</c>: the longest single wait, also capping what <c>Retry-After</c> can ask for.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary><c>SendGrid__Timeout</c>: one request's timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
