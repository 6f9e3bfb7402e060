namespace LaaWorkflow.Web.Hosting;

/// <summary>
/// The task hub the host's orchestrations run in, as the management payloads name it (<c>taskHub=</c>). Each host
/// registers its own: the local host from its task hub's options, the Functions app from host.json's setting.
/// </summary>
internal sealed record TaskHubName(string Value);
