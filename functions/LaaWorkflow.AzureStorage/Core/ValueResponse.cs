using Azure;

namespace LaaWorkflow.AzureStorage.Core;

/// <summary>A response that may or may not carry a value (a 404 read as "absent").</summary>
internal sealed class ValueResponse<T>(Response raw, T? value, bool hasValue) : NullableResponse<T>
{
    public override bool HasValue => hasValue;

    public override T Value => hasValue ? value! : throw new InvalidOperationException("The resource does not exist; check HasValue first.");

    public override Response GetRawResponse() => raw;
}
