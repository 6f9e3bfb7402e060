namespace LaaWorkflow.Durable.AzureStorage.Storage;

/// <summary>A message received from a queue, with what is needed to hide it longer or delete it.</summary>
internal sealed record QueuedMessage(string QueueName, string MessageId, string PopReceipt, string Text, long DequeueCount)
{
    public string PopReceipt { get; set; } = PopReceipt;
}
