using Microsoft.Azure.Functions.Worker;

namespace LaaWorkflow.Functions.Tests.FunctionApp;

/// <summary>
/// The parts of a function invocation our activity functions read (the invocation's services, the calling
/// instance's id in the binding data), for running them without the Functions host.
/// </summary>
internal sealed class TestFunctionContext(IServiceProvider services, string instanceId) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId { get; } = "test";

    public override TraceContext TraceContext => throw new NotSupportedException("No trace context without the Functions host.");

    public override BindingContext BindingContext { get; } = new Bindings(new Dictionary<string, object?> { ["instanceId"] = instanceId });

    public override RetryContext RetryContext => throw new NotSupportedException("No retry context without the Functions host.");

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException("No function definition without the Functions host.");

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException("No invocation features without the Functions host.");

    private sealed class Bindings(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = data;
    }
}
