using System.Text.Json;
using System.Text.Json.Serialization;

namespace LaaWorkflow.Negotiation.Domain;

/// <summary>Writes enums as the camelCase names the HTTP contract uses (<c>changesRequested</c>), and reads only names.</summary>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
