namespace LaaWorkflow.Durable.AzureStorage.Storage;

/// <summary>
/// A message received from a queue, with what is needed to hide it longer or delete it. Compared by reference: its
/// pop receipt changes with every visibility update.
/// </summary>
internal sealed class QueuedMessage(string queueName, string messageId, string popReceipt, string text, long dequeueCount)
{
    public string QueueName { get; } = queueName;

    public string MessageId { get; } = messageId;

    public string PopReceipt { get; set; } = popReceipt;

    public string Text { get; } = text;

    public long DequeueCount { get; } = dequeueCount;
}
