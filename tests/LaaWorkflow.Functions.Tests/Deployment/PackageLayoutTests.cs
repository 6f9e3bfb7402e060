using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using LaaWorkflow.Negotiation;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LaaWorkflow.Functions.Tests.Deployment;

/// <summary>
/// The package scripts/publish.sh builds is an isolated worker Functions app as the Functions host expects it: the
/// worker's files, functions.metadata, extensions.json with the Durable extension, the .azurefunctions/ extension
/// bundle, a host.json without a custom handler, a function for every route of API.md with the right methods and
/// authorisation level, and an orchestration or activity trigger for every orchestrator and activity the local host
/// registers.
/// </summary>
[Collection(PublishedPackageCollection.Name)]
public sealed partial class PackageLayoutTests(PublishedPackage package)
{
    private static readonly string[] s_httpMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    [Theory]
    [InlineData("functions.metadata")]
    [InlineData("extensions.json")]
    [InlineData("host.json")]
    [InlineData("worker.config.json")]
    [InlineData("LaaWorkflow.Functions.dll")]
    [InlineData("wwwroot/index.html")]
    public void Package_HoldsTheFileTheHostNeeds(string file) =>
        Assert.True(File.Exists(Path.Combine(package.Folder, file)), $"the package lacks {file}");

    [Fact]
    public void Package_AzureFunctionsFolder_HoldsTheDurableExtensionForTheHost()
    {
        var folder = Path.Combine(package.Folder, ".azurefunctions");

        Assert.True(Directory.Exists(folder), "the package has no .azurefunctions/ folder");
        Assert.True(File.Exists(Path.Combine(folder, "Microsoft.Azure.WebJobs.Extensions.DurableTask.dll")),
            ".azurefunctions/ lacks the Durable Functions extension the host loads");
    }

    [Fact]
    public void ExtensionsJson_CarriesTheDurableExtension()
    {
        using var extensions = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.Folder, "extensions.json")));

        var names = extensions.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();

        Assert.Contains("DurableTask", names);
        Assert.Contains(extensions.RootElement.GetProperty("extensions").EnumerateArray(),
            e => e.GetProperty("typeName").GetString()!.StartsWith("Microsoft.Azure.WebJobs.Extensions.DurableTask.", StringComparison.Ordinal));
    }

    [Fact]
    public void WorkerConfig_StartsThePublishedAssembly()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.Folder, "worker.config.json")));

        var description = config.RootElement.GetProperty("description");

        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("LaaWorkflow.Functions.dll", description.GetProperty("defaultWorkerPath").GetString());
    }

    [Fact]
    public void HostJson_IsAnIsolatedWorkersWithTheDurableSection()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.Folder, "host.json")));
        var root = host.RootElement;

        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.False(root.TryGetProperty("customHandler", out _), "host.json still names a custom handler");
        // An isolated worker brings its extensions in .azurefunctions/; a bundle would load a second copy.
        Assert.False(root.TryGetProperty("extensionBundle", out _), "host.json names an extension bundle");
        Assert.Equal("", root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        var durable = root.GetProperty("extensions").GetProperty("durableTask");
        Assert.Equal("%TaskHubName%", durable.GetProperty("hubName").GetString());
        Assert.True(durable.GetProperty("storageProvider").GetProperty("partitionCount").GetInt32() is >= 1 and <= 16);
    }

    [Fact]
    public void Repository_HasNoCustomHandlerLeft()
    {
        var root = RepositoryRoot.Path;
        var sources = new[] { "functions", "infra", "scripts" }.SelectMany(folder =>
            Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        Assert.DoesNotContain(sources, path => Path.GetFileName(path) == "function.json");
        Assert.DoesNotContain(sources, path => path.EndsWith(".json", StringComparison.Ordinal) && File.ReadAllText(path).Contains("customHandler", StringComparison.Ordinal));
        Assert.DoesNotContain(sources, path => path.EndsWith(".cs", StringComparison.Ordinal) && File.ReadAllText(path).Contains("FUNCTIONS_CUSTOMHANDLER_PORT", StringComparison.Ordinal));
    }

    [Fact]
    public void Zip_Entries_AreExactlyThePackageFolder()
    {
        var files = Directory.GetFiles(package.Folder, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(package.Folder, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        using var zip = ZipFile.OpenRead(package.Zip);

        Assert.Equal(files, zip.Entries.Select(entry => entry.FullName).Order(StringComparer.Ordinal));
        Assert.NotNull(zip.GetEntry("host.json"));
        Assert.NotNull(zip.GetEntry("functions.metadata"));
    }

    [Fact]
    public void Functions_EachIsValidForTheHost()
    {
        var functions = Functions();

        Assert.NotEmpty(functions);
        Assert.Equal(functions.Count, functions.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var function in functions)
        {
            Assert.Matches(FunctionName(), function.Name);
            Assert.StartsWith("LaaWorkflow.Functions.", function.EntryPoint, StringComparison.Ordinal);
            Assert.Single(function.Bindings, b => FunctionsMetadata.Type(b).EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
            Assert.Equal("In", function.Trigger.GetProperty("direction").GetString(), ignoreCase: true);
            if (function.IsHttp)
            {
                Assert.Contains(function.AuthLevel, new[] { "Anonymous", "Function" });
                Assert.All(function.Methods, method => Assert.Contains(method, s_httpMethods));
                Assert.False(function.Route.StartsWith('/'), $"{function.Name}: routes are relative to the route prefix");
                Assert.False(function.Route.StartsWith("admin", StringComparison.OrdinalIgnoreCase), $"{function.Name}: admin/ is the host's own");
                Assert.False(function.Route.StartsWith("runtime", StringComparison.OrdinalIgnoreCase), $"{function.Name}: runtime/ is the host's own");
            }
        }
    }

    [Fact]
    public void Functions_MaintenanceTimer_RunsEveryFiveMinutes()
    {
        var timer = Assert.Single(Functions(), f => f.TriggerType.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase));

        Assert.Equal("Maintenance", timer.Name);
        Assert.Matches(NcrontabSchedule(), timer.Trigger.GetProperty("schedule").GetString()!);
        Assert.Equal("0 */5 * * * *", timer.Trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void Functions_EveryOrchestratorAndActivity_HasItsTrigger_AndNoTriggerLacksARegistration()
    {
        var orchestrators = Functions().Where(f => f.TriggerType.Equals("orchestrationTrigger", StringComparison.OrdinalIgnoreCase)).Select(f => f.Name);
        var activities = Functions().Where(f => f.TriggerType.Equals("activityTrigger", StringComparison.OrdinalIgnoreCase)).Select(f => f.Name);

        Assert.Equal(NegotiationServiceCollectionExtensions.OrchestratorNames.Order(StringComparer.Ordinal), orchestrators.Order(StringComparer.Ordinal));
        Assert.Equal(NegotiationServiceCollectionExtensions.ActivityNames.Order(StringComparer.Ordinal), activities.Order(StringComparer.Ordinal));
        // Every function that reaches the workflow binds the durable client the host gives it.
        Assert.All(Functions().Where(f => f.IsHttp && f.Name != "Dashboard"),
            f => Assert.Contains(f.Bindings, b => FunctionsMetadata.Type(b).Equals("durableClient", StringComparison.OrdinalIgnoreCase)));
    }

    // Each route of API.md with the authorisation level its users need: admins' routes behind the host's keys, the
    // routes reached from emails and SendGrid anonymous to the host and checked by the app.
    [Theory]
    [InlineData("POST", "api/negotiations", "Function")]
    [InlineData("GET", "api/negotiations", "Function")]
    [InlineData("GET", "api/negotiations/sunderland-2008", "Function")]
    [InlineData("POST", "api/negotiations/sunderland-2008/revisions", "Function")]
    [InlineData("POST", "api/negotiations/sunderland-2008/refreshes", "Function")]
    [InlineData("POST", "api/negotiations/sunderland-2008/withdraw", "Function")]
    [InlineData("POST", "api/negotiations/sunderland-2008/extend-deadline", "Function")]
    [InlineData("POST", "api/negotiations/sunderland-2008/sign-off-deadline", "Function")]
    [InlineData("POST", "api/negotiations/sunderland-2008/partners/northumbria-police/remind", "Function")]
    [InlineData("POST", "api/negotiations/sunderland-2008/partners/northumbria-police/resend-invitation", "Function")]
    [InlineData("POST", "api/negotiations/sunderland-2008/partners/northumbria-police/answer", "Function")]
    [InlineData("GET", "api/negotiations/sunderland-2008/document", "Anonymous")]
    [InlineData("GET", "api/negotiations/sunderland-2008/government-office/decision", "Anonymous")]
    [InlineData("POST", "api/negotiations/sunderland-2008/government-office/decision", "Anonymous")]
    [InlineData("GET", "api/negotiations/sunderland-2008/government-office/draft", "Anonymous")]
    [InlineData("GET", "api/respond/eyJ0b2tlbiI6MX0.c2ln", "Anonymous")]
    [InlineData("POST", "api/respond/eyJ0b2tlbiI6MX0.c2ln", "Anonymous")]
    [InlineData("POST", "api/email/inbound", "Anonymous")]
    [InlineData("POST", "api/email/events", "Anonymous")]
    [InlineData("GET", "api/health", "Anonymous")]
    [InlineData("GET", "api/dev/outbox", "Function")]
    public void HttpFunctions_ApiContractRoute_HasAFunctionWithTheRightAuthLevel(string method, string path, string authLevel)
    {
        var covering = HttpFunctions().Where(f => f.Methods.Contains(method) && RouteTemplate.Matches(f.Route, path))
            .Where(f => !f.Route.StartsWith("{*", StringComparison.Ordinal))
            .ToList();

        var function = Assert.Single(covering);
        Assert.Equal(authLevel, function.AuthLevel);
    }

    [Fact]
    public async Task HttpFunctions_EveryRouteTheLocalHostMaps_HasTheSameNamedFunction()
    {
        await using var factory = new WebApplicationFactory<Program>();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var functions = HttpFunctions().ToList();
        var missing = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var path = SamplePath(endpoint.RoutePattern);
            // The Durable Functions extension serves the management API in Azure; the OpenAPI document is the local
            // host's, generated from its endpoints.
            if (path.StartsWith("runtime/webhooks/durabletask", StringComparison.Ordinal) || path == "api/openapi.json")
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            missing.AddRange(methods
                .Where(method => !functions.Any(f => f.Methods.Contains(method) && RouteTemplate.Matches(f.Route, path)
                    && !f.Route.StartsWith("{*", StringComparison.Ordinal) && (name is null || f.Name == name)))
                .Select(method => $"{method} /{path} ({endpoint.RoutePattern.RawText}, {name ?? "unnamed"})"));
        }

        Assert.NotEmpty(endpoints);
        Assert.True(missing.Count == 0, "Mapped by the local host but with no function of that route and name:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void HttpFunctions_DashboardPages_AreServed()
    {
        Assert.Contains(HttpFunctions(), f => f.Methods.Contains("GET") && RouteTemplate.Matches(f.Route, "negotiation.html"));
        Assert.Contains(HttpFunctions(), f => f.Methods.Contains("GET") && RouteTemplate.Matches(f.Route, "js/app.js"));
    }

    /// <summary>A concrete path the pattern matches: each parameter filled with letters, optional ones left out.</summary>
    private static string SamplePath(RoutePattern pattern) => string.Join('/', pattern.PathSegments
        .Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { IsOptional: true } => "",
            RoutePatternParameterPart => "sample",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })))
        .Where(segment => segment.Length > 0));

    private IReadOnlyList<FunctionsMetadata> Functions() => FunctionsMetadata.ReadAll(package.Folder);

    private IEnumerable<FunctionsMetadata> HttpFunctions() => Functions().Where(f => f.IsHttp);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex FunctionName();

    // Six NCRONTAB fields: second minute hour day month day-of-week.
    [GeneratedRegex(@"^[0-9*/,-]+( [0-9*/,A-Za-z-]+){5}$")]
    private static partial Regex NcrontabSchedule();
}
