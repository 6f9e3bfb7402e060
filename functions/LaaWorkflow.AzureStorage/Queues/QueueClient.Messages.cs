using Azure;
using Azure.Core;
using LaaWorkflow.AzureStorage.Core;
using LaaWorkflow.AzureStorage.Queues.Models;

namespace LaaWorkflow.AzureStorage.Queues;

public partial class QueueClient
{
    /// <summary>The most messages one receive or peek can return.</summary>
    public const int MaxMessagesPerReceive = 32;

    public virtual Task<Response<SendReceipt>> SendMessageAsync(string messageText) =>
        SendMessageAsync(messageText, null, null, CancellationToken.None);

    public virtual Task<Response<SendReceipt>> SendMessageAsync(string messageText, CancellationToken cancellationToken) =>
        SendMessageAsync(messageText, null, null, cancellationToken);

    /// <summary>
    /// Sends a message that stays invisible for <paramref name="visibilityTimeout"/> (0 to 7 days) and expires after
    /// <paramref name="timeToLive"/> (7 days by default; <c>TimeSpan.FromSeconds(-1)</c> never expires).
    /// </summary>
    public virtual Task<Response<SendReceipt>> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        return SendMessageAsync(BinaryData.FromString(messageText), visibilityTimeout, timeToLive, cancellationToken);
    }

    /// <summary>Sends a message given as bytes (see the string overload).</summary>
    public virtual async Task<Response<SendReceipt>> SendMessageAsync(BinaryData message, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ValidateVisibility(visibilityTimeout, nameof(visibilityTimeout), TimeSpan.Zero);
        if (timeToLive is { } ttl && ttl != TimeSpan.FromSeconds(-1) && ttl < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(timeToLive), ttl, "timeToLive must be at least one second, or -1 second for never.");
        }

        if (visibilityTimeout is { } v && timeToLive is { } t && t > TimeSpan.Zero && v >= t)
        {
            throw new ArgumentException($"The message would expire ({t}) before it becomes visible ({v}).", nameof(visibilityTimeout));
        }

        using var request = CreateRequest(RequestMethod.Post, "/messages");
        if (visibilityTimeout is { } visibility)
        {
            request.Uri.AppendQuery("visibilitytimeout", Seconds(visibility), escapeValue: false);
        }

        if (timeToLive is { } life)
        {
            request.Uri.AppendQuery("messagettl", life == TimeSpan.FromSeconds(-1) ? "-1" : Seconds(life), escapeValue: false);
        }

        request.Headers.SetValue("Content-Type", "application/xml");
        request.Content = RequestContent.Create(QueueXml.MessageBody(ToWire(message)));
        var response = await SendAsync(request, cancellationToken);
        if (response.IsError)
        {
            throw StorageErrors.Create(response, $"Sending a message to queue '{Name}'");
        }

        var m = QueueXml.ReadMessages(response.Content)[0];
        return Response.FromValue(
            new SendReceipt(m["MessageId"], QueueXml.Date(m, "InsertionTime"), QueueXml.Date(m, "ExpirationTime"), m["PopReceipt"], QueueXml.Date(m, "TimeNextVisible")),
            response);
    }

    /// <summary>Receives one message, or answers with a null value when none is visible.</summary>
    public virtual async Task<Response<QueueMessage?>> ReceiveMessageAsync(TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        var response = await ReceiveMessagesAsync(1, visibilityTimeout, cancellationToken);
        return Response.FromValue(response.Value.Length > 0 ? response.Value[0] : null, response.GetRawResponse());
    }

    public virtual Task<Response<QueueMessage[]>> ReceiveMessagesAsync() =>
        ReceiveMessagesAsync(null, null, CancellationToken.None);

    public virtual Task<Response<QueueMessage[]>> ReceiveMessagesAsync(CancellationToken cancellationToken) =>
        ReceiveMessagesAsync(null, null, cancellationToken);

    /// <summary>
    /// Receives up to <paramref name="maxMessages"/> (1 to 32) visible messages and hides them for
    /// <paramref name="visibilityTimeout"/> (30 seconds by default); each must be deleted before then or it returns.
    /// </summary>
    public virtual async Task<Response<QueueMessage[]>> ReceiveMessagesAsync(int? maxMessages = null, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        ValidateCount(maxMessages);
        ValidateVisibility(visibilityTimeout, nameof(visibilityTimeout), TimeSpan.FromSeconds(1));
        using var request = CreateRequest(RequestMethod.Get, "/messages");
        if (maxMessages is { } count)
        {
            request.Uri.AppendQuery("numofmessages", count.ToString(System.Globalization.CultureInfo.InvariantCulture), escapeValue: false);
        }

        if (visibilityTimeout is { } visibility)
        {
            request.Uri.AppendQuery("visibilitytimeout", Seconds(visibility), escapeValue: false);
        }

        var response = await SendAsync(request, cancellationToken);
        if (response.IsError)
        {
            throw StorageErrors.Create(response, $"Receiving messages from queue '{Name}'");
        }

        var raw = QueueXml.ReadMessages(response.Content);
        var messages = new QueueMessage[raw.Count];
        for (var i = 0; i < raw.Count; i++)
        {
            var m = raw[i];
            messages[i] = new QueueMessage(
                m["MessageId"],
                m["PopReceipt"],
                FromWire(m.GetValueOrDefault("MessageText", "")),
                long.Parse(m["DequeueCount"], System.Globalization.CultureInfo.InvariantCulture),
                QueueXml.OptionalDate(m, "TimeNextVisible"),
                QueueXml.OptionalDate(m, "InsertionTime"),
                QueueXml.OptionalDate(m, "ExpirationTime"));
        }

        return Response.FromValue(messages, response);
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> visible messages without receiving them.</summary>
    public virtual async Task<Response<PeekedMessage[]>> PeekMessagesAsync(int? maxMessages = null, CancellationToken cancellationToken = default)
    {
        ValidateCount(maxMessages);
        using var request = CreateRequest(RequestMethod.Get, "/messages");
        request.Uri.AppendQuery("peekonly", "true", escapeValue: false);
        if (maxMessages is { } count)
        {
            request.Uri.AppendQuery("numofmessages", count.ToString(System.Globalization.CultureInfo.InvariantCulture), escapeValue: false);
        }

        var response = await SendAsync(request, cancellationToken);
        if (response.IsError)
        {
            throw StorageErrors.Create(response, $"Peeking at queue '{Name}'");
        }

        var raw = QueueXml.ReadMessages(response.Content);
        var messages = new PeekedMessage[raw.Count];
        for (var i = 0; i < raw.Count; i++)
        {
            var m = raw[i];
            messages[i] = new PeekedMessage(
                m["MessageId"],
                FromWire(m.GetValueOrDefault("MessageText", "")),
                long.Parse(m["DequeueCount"], System.Globalization.CultureInfo.InvariantCulture),
                QueueXml.OptionalDate(m, "InsertionTime"),
                QueueXml.OptionalDate(m, "ExpirationTime"));
        }

        return Response.FromValue(messages, response);
    }

    /// <summary>
    /// Changes a received message's visibility (0 to 7 days from now) and, when given, its text. The old pop receipt
    /// stops working; use the returned one.
    /// </summary>
    public virtual Task<Response<UpdateReceipt>> UpdateMessageAsync(string messageId, string popReceipt, string? messageText = null, TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default) =>
        UpdateMessageAsync(messageId, popReceipt, messageText is null ? null : BinaryData.FromString(messageText), visibilityTimeout, cancellationToken);

    /// <summary>Changes a received message's visibility and, when given, its body (see the string overload).</summary>
    public virtual async Task<Response<UpdateReceipt>> UpdateMessageAsync(string messageId, string popReceipt, BinaryData? message, TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        ValidateVisibility(visibilityTimeout, nameof(visibilityTimeout), TimeSpan.Zero);
        using var request = CreateRequest(RequestMethod.Put, "/messages/" + Uri.EscapeDataString(messageId));
        request.Uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout), escapeValue: false);
        if (message is not null)
        {
            request.Headers.SetValue("Content-Type", "application/xml");
            request.Content = RequestContent.Create(QueueXml.MessageBody(ToWire(message)));
        }

        var response = await SendAsync(request, cancellationToken);
        if (response.IsError)
        {
            throw StorageErrors.Create(response, $"Updating message {messageId} on queue '{Name}'");
        }

        response.Headers.TryGetValue("x-ms-popreceipt", out var newReceipt);
        response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible);
        return Response.FromValue(
            new UpdateReceipt(newReceipt ?? "", DateTimeOffset.Parse(nextVisible ?? "", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal)),
            response);
    }

    /// <summary>
    /// Deletes a received message. Fails with 404 if the pop receipt is stale (the message was received again by
    /// someone else after its visibility ran out) or the message is gone.
    /// </summary>
    public virtual async Task<Response> DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var request = CreateRequest(RequestMethod.Delete, "/messages/" + Uri.EscapeDataString(messageId));
        request.Uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        var response = await SendAsync(request, cancellationToken);
        return response.IsError ? throw StorageErrors.Create(response, $"Deleting message {messageId} from queue '{Name}'") : response;
    }

    /// <summary>Deletes every message in the queue.</summary>
    /// <remarks>Deletes stored messages.</remarks>
    public virtual async Task<Response> ClearMessagesAsync(CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(RequestMethod.Delete, "/messages");
        var response = await SendAsync(request, cancellationToken);
        return response.IsError ? throw StorageErrors.Create(response, $"Clearing queue '{Name}'") : response;
    }

    private static void ValidateCount(int? maxMessages)
    {
        if (maxMessages is < 1 or > MaxMessagesPerReceive)
        {
            throw new ArgumentOutOfRangeException(nameof(maxMessages), maxMessages, $"maxMessages must be 1 to {MaxMessagesPerReceive}.");
        }
    }
}
