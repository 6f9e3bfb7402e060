using System.Reflection;
using System.Reflection.Emit;
using LaaWorkflow.Durable;
using Xunit;

namespace LaaWorkflow.Testing.Durable;

/// <summary>
/// Fails when orchestrator code reaches something non-deterministic: the system clock, new GUIDs, real delays or
/// sleeps, file or HTTP I/O. It reads the IL of every orchestrator type (its async state machines and lambdas included)
/// and follows calls into its own assembly, so a helper that reads <see cref="DateTime.UtcNow"/> is caught too.
/// </summary>
/// <remarks>Use in a test: <c>OrchestratorDeterminismGuard.AssertDeterministic(typeof(MyOrchestrator).Assembly)</c>.</remarks>
public static class OrchestratorDeterminismGuard
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Fails the test, listing every violation, when any orchestrator in <paramref name="assemblies"/> is non-deterministic.</summary>
    public static void AssertDeterministic(params Assembly[] assemblies)
    {
        var violations = FindViolations(assemblies);
        if (violations.Count > 0)
        {
            Assert.Fail("Orchestrator code must be deterministic (use the context's clock, NewGuid and CreateTimer; do I/O in activities):"
                + Environment.NewLine + string.Join(Environment.NewLine, violations));
        }
    }

    /// <summary>The violations of every orchestrator type in <paramref name="assemblies"/>.</summary>
    public static IReadOnlyList<string> FindViolations(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        return [.. assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ITaskOrchestrator).IsAssignableFrom(t))
            .SelectMany(FindViolations)];
    }

    /// <summary>The violations of one orchestrator type, each naming the method and what it calls.</summary>
    public static IReadOnlyList<string> FindViolations(Type orchestratorType)
    {
        ArgumentNullException.ThrowIfNull(orchestratorType);
        var violations = new List<string>();
        var visited = new HashSet<MethodBase>();
        var pending = new Queue<MethodBase>();
        foreach (var method in MethodsOf(orchestratorType, includeNested: true))
        {
            Enqueue(method);
        }

        while (pending.TryDequeue(out var method))
        {
            foreach (var member in ReferencedMembers(method))
            {
                if (Forbidden(member) is { } what)
                {
                    violations.Add($"{orchestratorType.FullName}: {method.DeclaringType?.Name}.{method.Name} uses {what}");
                }
                else if (member is MethodBase callee && callee.Module.Assembly == orchestratorType.Assembly)
                {
                    Enqueue(callee);
                    if (callee.DeclaringType is { } owner)
                    {
                        // Async methods and lambdas of a helper live in compiler-generated nested types named after it.
                        foreach (var generated in owner.GetNestedTypes(Everything).Where(n => n.Name.Contains($"<{callee.Name}>", StringComparison.Ordinal)))
                        {
                            foreach (var m in MethodsOf(generated, includeNested: true))
                            {
                                Enqueue(m);
                            }
                        }
                    }
                }
            }
        }

        return violations.Distinct().ToList();

        void Enqueue(MethodBase method)
        {
            if (visited.Add(method))
            {
                pending.Enqueue(method);
            }
        }
    }

    private static IEnumerable<MethodBase> MethodsOf(Type type, bool includeNested)
    {
        foreach (var method in type.GetMethods(Everything))
        {
            yield return method;
        }

        foreach (var constructor in type.GetConstructors(Everything))
        {
            yield return constructor;
        }

        if (includeNested)
        {
            foreach (var nested in type.GetNestedTypes(Everything))
            {
                foreach (var method in MethodsOf(nested, includeNested: true))
                {
                    yield return method;
                }
            }
        }
    }

    private static string? Forbidden(MemberInfo member)
    {
        var type = member.DeclaringType;
        if (type is null)
        {
            return null;
        }

        var name = member.Name;
        var what = $"{type.FullName}.{name}";
        return type switch
        {
            _ when type == typeof(DateTime) && name is "get_Now" or "get_UtcNow" or "get_Today" => what,
            _ when type == typeof(DateTimeOffset) && name is "get_Now" or "get_UtcNow" => what,
            _ when type == typeof(Guid) && name == "NewGuid" => what,
            _ when type == typeof(Task) && name == "Delay" => what,
            _ when type == typeof(Thread) && name == "Sleep" => what,
            _ when type == typeof(Environment) && name is "get_TickCount" or "get_TickCount64" => what,
            _ when type == typeof(TimeProvider) && name is "get_System" => what,
            _ when type == typeof(Random) && name is ".ctor" or "get_Shared" => what,
            _ when type.Namespace == "System.IO" && type.Name is "File" or "Directory" or "FileInfo" or "DirectoryInfo" or "FileStream" => $"file I/O ({what})",
            _ when type.Namespace == "System.Net.Http" => $"HTTP I/O ({what})",
            _ => null,
        };
    }

    private static IEnumerable<MemberInfo> ReferencedMembers(MethodBase method)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (InvalidOperationException)
        {
            il = null;
        }

        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } m ? m.GetGenericArguments() : null;
        var offset = 0;
        while (offset < il.Length)
        {
            short value = il[offset++];
            if (value == 0xFE && offset < il.Length)
            {
                value = (short)(0xFE00 | il[offset++]);
            }

            if (!OpCodesByValue.TryGetValue(value, out var opCode))
            {
                yield break;
            }

            var operandSize = OperandSize(opCode.OperandType, il, offset);
            if (opCode.OperandType is OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineField)
            {
                var token = BitConverter.ToInt32(il, offset);
                MemberInfo? member = null;
                try
                {
                    member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                    // A token that needs a generic context we do not have; nothing we check is generic.
                }

                if (member is not null)
                {
                    yield return member;
                    if (member is MethodInfo { IsGenericMethod: true } generic)
                    {
                        // AsyncTaskMethodBuilder.Start<TStateMachine>: the state machine holds the method's real body.
                        foreach (var argument in generic.GetGenericArguments().Where(a => a.Module == method.Module))
                        {
                            foreach (var inner in MethodsOf(argument, includeNested: false))
                            {
                                yield return inner;
                            }
                        }
                    }
                }
            }

            offset += operandSize;
        }
    }

    private static int OperandSize(OperandType operandType, byte[] il, int offset) => operandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, offset)),
        _ => 4,
    };
}
