namespace LaaWorkflow.Durable.AzureStorage.Storage;

/// <summary>
/// A conditional write lost: the row changed since it was read (412) or already exists (409). For a checkpoint this
/// means another owner wrote the instance first, so the caller abandons its work.
/// </summary>
internal sealed class StorageConflictException : Exception
{
    public StorageConflictException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
