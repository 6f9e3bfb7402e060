namespace LaaWorkflow.Functions.CustomHandler.Payloads;

/// <summary>The host's invocation payload does not have the shape a function needs; the message names what is wrong.</summary>
internal sealed class InvalidPayloadException(string message) : Exception(message);
