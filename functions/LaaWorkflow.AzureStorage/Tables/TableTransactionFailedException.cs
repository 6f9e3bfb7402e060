using Azure;

namespace LaaWorkflow.AzureStorage.Tables;

/// <summary>An entity group transaction failed as a whole; nothing of it was written.</summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    /// <summary>Wraps the failure of the operation at <paramref name="failedIndex"/> (null when the service did not say).</summary>
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedIndex)
        : base(status, message, errorCode, null)
    {
        FailedTransactionActionIndex = failedIndex;
    }

    public TableTransactionFailedException()
        : this(0, "The table transaction failed.", null, null)
    {
    }

    public TableTransactionFailedException(string message)
        : this(0, message, null, null)
    {
    }

    public TableTransactionFailedException(string message, Exception innerException)
        : base(0, message, null, innerException)
    {
    }

    /// <summary>The index, in the submitted actions, of the operation that failed.</summary>
    public int? FailedTransactionActionIndex { get; }
}
