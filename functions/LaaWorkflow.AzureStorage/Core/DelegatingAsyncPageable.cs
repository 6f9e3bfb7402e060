using System.Runtime.CompilerServices;
using Azure;

namespace LaaWorkflow.AzureStorage.Core;

/// <summary>Pages fetched one request at a time, each naming the continuation token of the next.</summary>
internal sealed class DelegatingAsyncPageable<T>(
    Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage,
    CancellationToken cancellationToken) : AsyncPageable<T>(cancellationToken)
    where T : notnull
{
    public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
        Pages(continuationToken, pageSizeHint, CancellationToken);

    private async IAsyncEnumerable<Page<T>> Pages(string? continuationToken, int? pageSizeHint, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        do
        {
            var page = await fetchPage(continuationToken, pageSizeHint, cancellationToken);
            yield return page;
            continuationToken = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuationToken));
    }
}
