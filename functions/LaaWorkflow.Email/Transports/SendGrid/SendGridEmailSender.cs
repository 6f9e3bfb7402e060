using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using LaaWorkflow.Email.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;
using SendGrid.Helpers.Reliability;

namespace LaaWorkflow.Email.Transports.SendGrid;

/// <summary>Sends through SendGrid's v3 Mail Send API with the SendGrid package, at most once per message key (see the remarks for the one exception).</summary>
/// <remarks>
/// <para>Retries are ours, not the package's: its <see cref="ReliabilitySettings"/> retry 5xx only, never 429, and
/// wait by their own backoff without reading <c>Retry-After</c> (and only apply when the package makes its own
/// <see cref="HttpClient"/>). So they stay off, and this class retries 429 as SendGrid asks and 5xx and timeouts with
/// jittered backoff, and takes any other 4xx as final.</para>
/// <para>SendGrid has no idempotency key, so the sent log stands in for one. Before the request the key is marked
/// <c>Sending</c>; the moment SendGrid answers 202 it is marked <c>Sent</c>, and a later send with the key does nothing.</para>
/// <para>The one window that can still duplicate: SendGrid accepted the message but the process died (or storage
/// failed) before <c>Sent</c> was written. The retry finds <c>Sending</c> and cannot know whether the first request
/// got through, so it sends again: a duplicate is better than a partner who never got the invitation. The window is
/// narrowed to the time between SendGrid's answer and one table write (nothing else runs in between), and a
/// <c>Sending</c> mark younger than <see cref="InFlightLease"/> makes a concurrent attempt back off instead of
/// sending alongside it.</para>
/// </remarks>
internal sealed class SendGridEmailSender : IEmailSender
{
    /// <summary>How long a <c>Sending</c> mark keeps other attempts away; longer than one request with all its retries is not needed, since the caller retries.</summary>
    internal static readonly TimeSpan InFlightLease = TimeSpan.FromMinutes(2);

    private readonly SendGridClient _client;
    private readonly SendGridOptions _options;
    private readonly EmailAddress _from;
    private readonly ISentLog _log;
    private readonly TimeProvider _time;
    private readonly ILogger<SendGridEmailSender> _logger;
    private readonly Func<double> _jitter;

    public SendGridEmailSender(HttpClient http, IOptions<SendGridOptions> options, IOptions<EmailOptions> email, ISentLog log, TimeProvider time, ILogger<SendGridEmailSender> logger)
        : this(http, options, email, log, time, logger, Random.Shared.NextDouble)
    {
    }

    internal SendGridEmailSender(HttpClient http, IOptions<SendGridOptions> options, IOptions<EmailOptions> email, ISentLog log, TimeProvider time, ILogger<SendGridEmailSender> logger, Func<double> jitter)
    {
        _options = options.Value;
        _from = new EmailAddress(email.Value.FromAddress, email.Value.FromName);
        _log = log;
        _time = time;
        _logger = logger;
        _jitter = jitter;
        if (string.IsNullOrWhiteSpace(_options.ApiKey))
        {
            throw new OptionsValidationException(nameof(SendGridOptions), typeof(SendGridOptions), ["SendGrid:ApiKey must be set when Email:Transport is SendGrid."]);
        }

        _client = new SendGridClient(http, new SendGridClientOptions
        {
            ApiKey = _options.ApiKey,
            Host = _options.BaseUrl.AbsoluteUri,
            ReliabilitySettings = new ReliabilitySettings(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero),
        });
    }

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!await BeginAsync(message, cancellationToken))
        {
            Logs.EmailAlreadySent(_logger, message.Key, message.NegotiationId);
            return EmailSendResult.AlreadySent;
        }

        var body = SendGridRequest.Create(message, _from);
        string? messageId;
        try
        {
            messageId = await PostWithRetriesAsync(message, body, cancellationToken);
        }
        catch (EmailDeliveryException ex) when (ex.StatusCode is not null)
        {
            // SendGrid answered, and not with 202, so nothing went out: let the next attempt go ahead at once.
            // Without an answer (a timeout) the request may have got through, so the Sending mark stays.
            await _log.UpsertAsync(Entry(message, SentLogState.Failed, null), CancellationToken.None);
            throw;
        }

        // Nothing but this write may sit between SendGrid's 202 and the Sent mark: see the class remarks.
        await _log.UpsertAsync(Entry(message, SentLogState.Sent, messageId), CancellationToken.None);
        Logs.EmailSent(_logger, message.Key, message.Kind, message.NegotiationId, "SendGrid");
        return EmailSendResult.Sent;
    }

    /// <summary>Marks the key in flight; false when it was already sent.</summary>
    private async Task<bool> BeginAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var sending = Entry(message, SentLogState.Sending, null);
        var existing = await _log.GetAsync(message.Key, cancellationToken);
        if (existing is null && await _log.TryInsertAsync(sending, cancellationToken))
        {
            return true;
        }

        existing ??= await _log.GetAsync(message.Key, cancellationToken);
        if (existing is null || existing.State == SentLogState.Sent)
        {
            return existing is null;
        }

        if (existing.State == SentLogState.Sending && _time.GetUtcNow() - existing.UpdatedAt < InFlightLease)
        {
            throw new EmailDeliveryException($"Email {message.Key} is being sent by another attempt; try again later.");
        }

        if (existing.State == SentLogState.Sending)
        {
            Logs.ResendingInFlight(_logger, message.Key, message.NegotiationId);
        }

        await _log.UpsertAsync(sending, cancellationToken);
        return true;
    }

    private SentLogEntry Entry(EmailMessage message, SentLogState state, string? messageId) =>
        new(message.Key, state, message.To.Email, message.Kind.ToString(), message.NegotiationId, message.PartnerId, _time.GetUtcNow(), messageId);

    private async Task<string?> PostWithRetriesAsync(EmailMessage message, SendGridMessage body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan delay;
            int? status = null;
            using (var timeout = new CancellationTokenSource(_options.Timeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    var response = await _client.SendEmailAsync(body, linked.Token);
                    status = (int)response.StatusCode;
                    if (response.IsSuccessStatusCode)
                    {
                        return response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
                    }

                    if (status != 429 && status < 500)
                    {
                        var errors = await ReadErrorsAsync(response.Body, cancellationToken);
                        Logs.SendGridRefused(_logger, message.Key, message.NegotiationId, status, string.Join("; ", errors));
                        throw new EmailDeliveryException(
                            $"SendGrid refused email {message.Key} with {status}: {string.Join("; ", errors)}", status, errors);
                    }

                    delay = status == 429 ? RateLimitDelay(response.Headers) ?? Backoff(attempt) : Backoff(attempt);
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    if (attempt >= _options.MaxAttempts)
                    {
                        throw new EmailDeliveryException($"SendGrid could not be reached for email {message.Key} after {attempt} attempts.", ex);
                    }

                    delay = Backoff(attempt);
                }
            }

            if (attempt >= _options.MaxAttempts)
            {
                throw new EmailDeliveryException($"SendGrid kept answering {status} for email {message.Key}; gave up after {attempt} attempts.", status, null);
            }

            Logs.SendGridRetry(_logger, status, message.Key, message.NegotiationId, attempt, delay);
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    /// <summary>Exponential backoff with equal jitter: half the step fixed, half random, so retries from many senders spread out.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var step = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(step, _options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (_jitter() * capped / 2));
    }

    /// <summary>What SendGrid asks us to wait: <c>Retry-After</c> (seconds or a date), else <c>X-RateLimit-Reset</c> (Unix seconds).</summary>
    private TimeSpan? RateLimitDelay(HttpResponseHeaders headers)
    {
        TimeSpan? wait = null;
        if (headers.RetryAfter is { } retryAfter)
        {
            wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - _time.GetUtcNow() : null);
        }
        else if (headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
        {
            wait = DateTimeOffset.FromUnixTimeSeconds(reset) - _time.GetUtcNow();
        }

        if (wait is null)
        {
            return null;
        }

        var value = wait.Value < TimeSpan.Zero ? TimeSpan.Zero : wait.Value;
        return value > _options.MaxDelay ? _options.MaxDelay : value;
    }

    private static async Task<IReadOnlyList<string>> ReadErrorsAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        var text = content is null ? string.Empty : await content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array)
            {
                return errors.EnumerateArray()
                    .Select(e => e.ValueKind == JsonValueKind.Object
                        ? string.Join(" ", new[] { Prop(e, "field"), Prop(e, "message") }.Where(s => !string.IsNullOrEmpty(s)))
                        : e.ToString())
                    .ToList();
            }
        }
        catch (JsonException)
        {
            // Not SendGrid's JSON error shape (a proxy's page, say): fall through and report the raw text.
        }

        return [text.Length > 500 ? text[..500] : text];
    }

    private static string? Prop(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
