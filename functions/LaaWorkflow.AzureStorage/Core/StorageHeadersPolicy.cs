using Azure.Core;
using Azure.Core.Pipeline;

namespace LaaWorkflow.AzureStorage.Core;

/// <summary>Adds the service version every request must name.</summary>
internal sealed class StorageHeadersPolicy(string version) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue("x-ms-version", version);
}
