using Azure.Core;
using Azure.Core.Pipeline;
using LaaWorkflow.AzureStorage.Blobs;
using LaaWorkflow.AzureStorage.Queues;
using LaaWorkflow.AzureStorage.Tables;
using Xunit;

namespace LaaWorkflow.AzureStorage.Tests.Core;

/// <summary>Managed identity: requests carry a bearer token for the storage scope and no shared key.</summary>
public sealed class TokenCredentialTests
{
    [Fact]
    public async Task TableClient_TokenCredential_SendsBearerForStorageScope()
    {
        var (credential, transport) = (new FixedCredential(), new CapturingTransport());
        var table = new TableClient(new Uri("https://laa.table.core.windows.net"), "agreements", credential, new TableClientOptions { Transport = transport });
        await table.DeleteEntityAsync("p", "r");

        Assert.Equal("Bearer token-1", transport.Authorization);
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes);
        Assert.Equal("/agreements(PartitionKey='p',RowKey='r')", transport.Path);
    }

    [Fact]
    public async Task QueueClient_TokenCredential_SendsBearer()
    {
        var (credential, transport) = (new FixedCredential(), new CapturingTransport());
        var queue = new QueueClient(new Uri("https://laa.queue.core.windows.net/work-items"), credential, new QueueClientOptions { Transport = transport });
        await queue.DeleteIfExistsAsync();
        Assert.Equal("Bearer token-1", transport.Authorization);
        Assert.Equal("work-items", queue.Name);
    }

    [Fact]
    public async Task BlobContainerClient_TokenCredential_SendsBearer()
    {
        var (credential, transport) = (new FixedCredential(), new CapturingTransport());
        var container = new BlobContainerClient(new Uri("https://laa.blob.core.windows.net/payloads"), credential, new BlobClientOptions { Transport = transport });
        await container.DeleteIfExistsAsync();
        Assert.Equal("Bearer token-1", transport.Authorization);
    }

    private sealed class FixedCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("token-1", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Answers 404 to everything and remembers what was sent.</summary>
    private sealed class CapturingTransport : HttpPipelineTransport
    {
        public string? Authorization { get; private set; }

        public string? Path { get; private set; }

        public override Request CreateRequest() => new HttpClientTransport().CreateRequest();

        public override void Process(HttpMessage message) => throw new NotSupportedException();

        public override ValueTask ProcessAsync(HttpMessage message)
        {
            message.Request.Headers.TryGetValue("Authorization", out var authorization);
            Authorization = authorization;
            Path = message.Request.Uri.Path;
            message.Response = new NotFoundResponse();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class NotFoundResponse : Azure.Response
    {
        public override int Status => 404;

        public override string ReasonPhrase => "Not Found";

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; } = "";

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = null;
            return false;
        }
    }
}
