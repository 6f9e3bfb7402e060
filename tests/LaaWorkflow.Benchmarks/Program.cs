using LaaWorkflow.Benchmarks;

// Each benchmark suite is one class implementing IBenchmarkSuite; the first argument picks it.
var suites = typeof(IBenchmarkSuite).Assembly.GetTypes()
    .Where(t => typeof(IBenchmarkSuite).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmarkSuite)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

var chosen = args.Length > 0 ? suites.FirstOrDefault(s => s.Name == args[0]) : null;
if (chosen is null)
{
    Console.WriteLine("usage: dotnet run -c Release --project tests/LaaWorkflow.Benchmarks -- <suite> [options]");
    foreach (var suite in suites)
    {
        Console.WriteLine($"  {suite.Name,-16} {suite.Description}");
    }

    return args.Length == 0 ? 0 : 2;
}

return await chosen.RunAsync(args[1..]);
