namespace LaaWorkflow.AzureStorage.Queues.Models;

/// <summary>A received message: its id and pop receipt are what update and delete need.</summary>
public sealed class QueueMessage
{
    internal QueueMessage(string messageId, string popReceipt, BinaryData body, long dequeueCount, DateTimeOffset? nextVisibleOn, DateTimeOffset? insertedOn, DateTimeOffset? expiresOn)
    {
        MessageId = messageId;
        PopReceipt = popReceipt;
        Body = body;
        DequeueCount = dequeueCount;
        NextVisibleOn = nextVisibleOn;
        InsertedOn = insertedOn;
        ExpiresOn = expiresOn;
    }

    public string MessageId { get; }

    /// <summary>Proof of the current receive; changes with every receive and update.</summary>
    public string PopReceipt { get; }

    public BinaryData Body { get; }

    public string MessageText => Body.ToString();

    /// <summary>How many times the message has been received (1 on the first receive).</summary>
    public long DequeueCount { get; }

    public DateTimeOffset? NextVisibleOn { get; }

    public DateTimeOffset? InsertedOn { get; }

    public DateTimeOffset? ExpiresOn { get; }

    /// <summary>The same message after an update: the new pop receipt and visibility.</summary>
    public QueueMessage Update(UpdateReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new QueueMessage(MessageId, receipt.PopReceipt, Body, DequeueCount, receipt.NextVisibleOn, InsertedOn, ExpiresOn);
    }
}

/// <summary>A message seen without receiving it (no pop receipt, visibility unchanged).</summary>
public sealed class PeekedMessage
{
    internal PeekedMessage(string messageId, BinaryData body, long dequeueCount, DateTimeOffset? insertedOn, DateTimeOffset? expiresOn)
    {
        MessageId = messageId;
        Body = body;
        DequeueCount = dequeueCount;
        InsertedOn = insertedOn;
        ExpiresOn = expiresOn;
    }

    public string MessageId { get; }

    public BinaryData Body { get; }

    public string MessageText => Body.ToString();

    public long DequeueCount { get; }

    public DateTimeOffset? InsertedOn { get; }

    public DateTimeOffset? ExpiresOn { get; }
}

/// <summary>What the service answers to a send.</summary>
public sealed class SendReceipt
{
    internal SendReceipt(string messageId, DateTimeOffset insertionTime, DateTimeOffset expirationTime, string popReceipt, DateTimeOffset timeNextVisible)
    {
        MessageId = messageId;
        InsertionTime = insertionTime;
        ExpirationTime = expirationTime;
        PopReceipt = popReceipt;
        TimeNextVisible = timeNextVisible;
    }

    public string MessageId { get; }

    public DateTimeOffset InsertionTime { get; }

    public DateTimeOffset ExpirationTime { get; }

    public string PopReceipt { get; }

    public DateTimeOffset TimeNextVisible { get; }
}

/// <summary>What the service answers to an update: the new pop receipt and when the message shows again.</summary>
public sealed class UpdateReceipt
{
    internal UpdateReceipt(string popReceipt, DateTimeOffset nextVisibleOn)
    {
        PopReceipt = popReceipt;
        NextVisibleOn = nextVisibleOn;
    }

    public string PopReceipt { get; }

    public DateTimeOffset NextVisibleOn { get; }
}

/// <summary>A queue's properties.</summary>
public sealed class QueueProperties
{
    internal QueueProperties(int approximateMessagesCount, IDictionary<string, string> metadata)
    {
        ApproximateMessagesCount = approximateMessagesCount;
        Metadata = metadata;
    }

    /// <summary>Roughly how many messages the queue holds (visible or not); never lower than the true count.</summary>
    public int ApproximateMessagesCount { get; }

    public IDictionary<string, string> Metadata { get; }
}

/// <summary>Builds the queue models for tests and fakes, as Azure.Storage.Queues' model factory does.</summary>
public static class QueuesModelFactory
{
    public static QueueMessage QueueMessage(string messageId, string popReceipt, string messageText, long dequeueCount, DateTimeOffset? nextVisibleOn = null, DateTimeOffset? insertedOn = null, DateTimeOffset? expiresOn = null) =>
        new(messageId, popReceipt, BinaryData.FromString(messageText), dequeueCount, nextVisibleOn, insertedOn, expiresOn);

    public static PeekedMessage PeekedMessage(string messageId, string messageText, long dequeueCount, DateTimeOffset? insertedOn = null, DateTimeOffset? expiresOn = null) =>
        new(messageId, BinaryData.FromString(messageText), dequeueCount, insertedOn, expiresOn);

    public static SendReceipt SendReceipt(string messageId, DateTimeOffset insertionTime, DateTimeOffset expirationTime, string popReceipt, DateTimeOffset timeNextVisible) =>
        new(messageId, insertionTime, expirationTime, popReceipt, timeNextVisible);

    public static UpdateReceipt UpdateReceipt(string popReceipt, DateTimeOffset nextVisibleOn) => new(popReceipt, nextVisibleOn);

    public static QueueProperties QueueProperties(int approximateMessagesCount, IDictionary<string, string>? metadata = null) =>
        new(approximateMessagesCount, metadata ?? new Dictionary<string, string>());
}
