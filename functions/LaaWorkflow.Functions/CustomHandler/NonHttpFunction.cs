using LaaWorkflow.Functions.CustomHandler.Payloads;

namespace LaaWorkflow.Functions.CustomHandler;

/// <summary>
/// A function whose trigger is not a forwarded HTTP request (a timer, a queue): the Functions host
/// posts an <see cref="InvocationRequest"/> to <c>/{Name}</c> and waits for an <see cref="InvocationResponse"/>.
/// One subclass per function folder in the package; <see cref="Name"/> is that folder's name.
/// </summary>
internal abstract class NonHttpFunction
{
    /// <summary>The function's name: its folder in the package and the path the host posts to.</summary>
    public abstract string Name { get; }

    /// <summary>Runs one invocation.</summary>
    /// <exception cref="InvalidPayloadException">The payload lacks what the function needs.</exception>
    public abstract Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}
