using LaaWorkflow.Durable.AzureStorage.Storage;
using LaaWorkflow.Durable.Backend;

namespace LaaWorkflow.Durable.AzureStorage.Payloads;

/// <summary>
/// Keeps text inline when it fits a table property, otherwise uploads it and keeps the reference. The blob is written
/// before the row that refers to it, so a reader never follows a reference to nothing; a crash in between leaves an
/// orphan blob under the instance's prefix, which purge removes with the instance.
/// </summary>
internal static class PayloadSpill
{
    /// <summary>Table string properties hold 64 KiB of UTF-16, i.e. 32K characters; keep a margin.</summary>
    public const int MaxInlinePropertyChars = 30_000;

    /// <summary>Queue messages hold 64 KiB and may be base64-encoded on the way (4/3 growth); keep a margin.</summary>
    public const int MaxInlineMessageChars = 45_000;

    private const string BlobSuffix = "Blob";

    public static async Task SetAsync(
        StoredRow row, string property, string? text, string instanceId, IPayloadStore payloads, CancellationToken cancellationToken)
    {
        if (text is null || text.Length <= MaxInlinePropertyChars)
        {
            row[property] = text;
            row[property + BlobSuffix] = null;
            return;
        }

        row[property] = null;
        row[property + BlobSuffix] = await payloads.UploadAsync(instanceId, text, cancellationToken);
    }

    public static async Task<string?> GetAsync(StoredRow row, string property, IPayloadStore payloads, CancellationToken cancellationToken)
    {
        var reference = row.GetString(property + BlobSuffix);
        return string.IsNullOrEmpty(reference) ? row.GetString(property) : await payloads.DownloadAsync(reference, cancellationToken);
    }
}
