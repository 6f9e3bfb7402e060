using Azure.Data.Tables;

namespace LaaWorkflow.Email.Storage;

/// <summary>A table created on first use, so the app starts even while storage is still coming up.</summary>
internal sealed class LazyTable
{
    private readonly TableClient _client;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _created;

    public LazyTable(TableClient client) => _client = client;

    public async ValueTask<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return _client;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                await _client.CreateIfNotExistsAsync(cancellationToken);
                _created = true;
            }
        }
        finally
        {
            _gate.Release();
        }

        return _client;
    }
}
