using Azure;
using Azure.Data.Tables;
using LaaWorkflow.Web.Hosting.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LaaWorkflow.Web.Api.Health;

/// <summary>
/// Asks Table storage (the account in <c>AzureWebJobsStorage</c>) to confirm a small probe table.
/// No retries and a short timeout: a health probe must answer quickly that storage is down,
/// not wait out the retry policy the workflow's own clients use.
/// </summary>
internal sealed class StorageHealthCheck(IConfiguration configuration) : IHealthCheck
{
    public const string Name = "storage";
    private const string ProbeTable = "LaaWorkflowHealth";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var options = new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } };
            var service = StorageAccountConnection.ForApp(configuration).CreateTableServiceClient(options);
            await service.GetTableClient(ProbeTable).CreateIfNotExistsAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Table storage answered at {service.Uri.GetLeftPart(UriPartial.Authority)}.");
        }
        catch (RequestFailedException error) when (error.Status == 0)
        {
            return HealthCheckResult.Unhealthy($"Table storage did not answer: {error.InnerException?.Message ?? error.Message}");
        }
        catch (RequestFailedException error)
        {
            return HealthCheckResult.Unhealthy($"Table storage refused the probe ({error.Status} {error.ErrorCode}).");
        }
        catch (HttpRequestException error)
        {
            return HealthCheckResult.Unhealthy($"Table storage did not answer: {error.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Table storage did not answer within 5 seconds.");
        }
        catch (InvalidOperationException error)
        {
            return HealthCheckResult.Unhealthy(error.Message);
        }
        catch (Exception error) when (error is FormatException or ArgumentException)
        {
            return HealthCheckResult.Unhealthy("AzureWebJobsStorage is not a valid storage connection string.");
        }
    }
}
