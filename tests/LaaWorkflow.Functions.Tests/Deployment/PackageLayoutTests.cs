using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using LaaWorkflow.Functions.CustomHandler;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LaaWorkflow.Functions.Tests.Deployment;

/// <summary>
/// The package scripts/publish.sh builds is what the Functions host expects: host.json naming an
/// executable that is there, one valid function.json per function folder, the API's routes covered,
/// and a handler in the app for every function that is not a forwarded HTTP request.
/// </summary>
[Collection(PublishedPackageCollection.Name)]
public sealed partial class PackageLayoutTests(PublishedPackage package)
{
    private static readonly string[] s_httpMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    [Fact]
    public void HostJson_CustomHandler_NamesAnExecutablePresentInThePackage()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.Folder, "host.json")));
        var root = host.RootElement;
        Assert.Equal("2.0", root.GetProperty("version").GetString());
        var handler = root.GetProperty("customHandler");
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        var description = handler.GetProperty("description");

        var executable = Path.Combine(package.Folder, description.GetProperty("defaultExecutablePath").GetString()!);
        var workingDirectory = Path.Combine(package.Folder, description.GetProperty("workingDirectory").GetString()!);

        Assert.True(File.Exists(executable), $"host.json names {executable}, which the package lacks");
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute), $"{executable} is not executable");
        }
        Assert.True(Directory.Exists(workingDirectory), $"host.json's working directory {workingDirectory} is missing");
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", root.GetProperty("extensionBundle").GetProperty("id").GetString());
        Assert.True(root.TryGetProperty("logging", out _), "host.json has no logging section");
    }

    [Fact]
    public void Zip_ExecutableEntry_KeepsItsExecuteBit()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.Folder, "host.json")));
        var executable = host.RootElement.GetProperty("customHandler").GetProperty("description")
            .GetProperty("defaultExecutablePath").GetString()!;
        using var zip = ZipFile.OpenRead(package.Zip);

        var entry = zip.GetEntry(executable);

        Assert.NotNull(entry);
        var mode = (UnixFileMode)((entry.ExternalAttributes >> 16) & 0x1FF);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"{executable} is stored in the zip with mode {mode}");
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
    }

    [Fact]
    public void FunctionFolders_EachHoldAValidFunctionJson()
    {
        var folders = Directory.GetDirectories(package.Folder).Select(Path.GetFileName).Where(name => name != "app").ToList();
        var functions = FunctionJson.ReadAll(package.Folder);

        Assert.NotEmpty(functions);
        Assert.Equal(folders.Order(StringComparer.Ordinal), functions.Select(f => f.Name));
        foreach (var function in functions)
        {
            Assert.Matches(FunctionName(), function.Name);
            Assert.NotEmpty(function.Bindings);
            Assert.Single(function.Bindings, b => FunctionJson.Type(b).EndsWith("Trigger", StringComparison.Ordinal));
            Assert.Equal("in", function.Trigger.GetProperty("direction").GetString());
            var names = function.Bindings.Select(b => b.GetProperty("name").GetString()!).ToList();
            Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(names, name => Assert.Matches(BindingName(), name));
            Assert.All(function.Bindings, b => Assert.Contains(b.GetProperty("direction").GetString(), new[] { "in", "out" }));
            if (function.IsHttp)
            {
                AssertValidHttpFunction(function);
            }
            else if (FunctionJson.Type(function.Trigger) == "timerTrigger")
            {
                Assert.Matches(NcrontabSchedule(), function.Trigger.GetProperty("schedule").GetString()!);
            }
        }
    }

    [Fact]
    public async Task NonHttpFunctions_EachHasAHandlerInTheApp_AndNoHandlerLacksAFolder()
    {
        var packaged = FunctionJson.ReadAll(package.Folder).Where(f => !f.IsHttp).Select(f => f.Name).Order(StringComparer.Ordinal);
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            web.UseSetting(CustomHandlerPort.SettingName, "7199"));

        var handled = factory.Services.GetServices<NonHttpFunction>().Select(f => f.Name).Order(StringComparer.Ordinal);

        Assert.NotEmpty(packaged);
        Assert.Equal(packaged, handled);
    }

    [Theory]
    [InlineData("POST", "api/negotiations")]
    [InlineData("GET", "api/negotiations")]
    [InlineData("GET", "api/negotiations/sunderland-2008")]
    [InlineData("POST", "api/negotiations/sunderland-2008/revisions")]
    [InlineData("POST", "api/negotiations/sunderland-2008/government-office/decision")]
    [InlineData("GET", "api/respond/eyJ0b2tlbiI6MX0.c2ln")]
    [InlineData("POST", "api/respond/eyJ0b2tlbiI6MX0.c2ln")]
    [InlineData("POST", "api/email/inbound")]
    [InlineData("POST", "api/email/events")]
    [InlineData("GET", "api/health")]
    [InlineData("GET", "runtime/webhooks/durabletask/instances/sunderland-2008")]
    [InlineData("GET", "runtime/webhooks/durabletask/instances")]
    [InlineData("POST", "runtime/webhooks/durabletask/instances/sunderland-2008/raiseEvent/PartnerAnswered")]
    [InlineData("POST", "runtime/webhooks/durabletask/instances/sunderland-2008/terminate")]
    [InlineData("POST", "runtime/webhooks/durabletask/instances/sunderland-2008/suspend")]
    [InlineData("POST", "runtime/webhooks/durabletask/instances/sunderland-2008/resume")]
    [InlineData("POST", "runtime/webhooks/durabletask/instances/sunderland-2008/rewind")]
    [InlineData("POST", "runtime/webhooks/durabletask/instances/sunderland-2008/restart")]
    [InlineData("DELETE", "runtime/webhooks/durabletask/instances/sunderland-2008")]
    [InlineData("DELETE", "runtime/webhooks/durabletask/instances")]
    [InlineData("POST", "runtime/webhooks/durabletask/orchestrators/AgreementOrchestrator")]
    [InlineData("POST", "runtime/webhooks/durabletask/orchestrators/AgreementOrchestrator/sunderland-2008")]
    public void HttpFunctions_ApiContractRoute_IsCoveredByAFunctionOfItsOwn(string method, string path)
    {
        var covering = HttpFunctions().Where(f => f.Methods.Contains(method) && RouteTemplate.Matches(f.Route, path))
            .Where(f => !f.Route.StartsWith("{*", StringComparison.Ordinal))
            .Select(f => f.Name)
            .ToList();

        Assert.True(covering.Count > 0, $"{method} /{path} reaches no function in the package");
    }

    [Fact]
    public async Task HttpFunctions_EveryRouteTheAppMaps_ReachesTheAppInAzure()
    {
        await using var factory = new WebApplicationFactory<Program>();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var functions = HttpFunctions().ToList();
        var unreachable = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var path = SamplePath(endpoint.RoutePattern);
            // Development routes stay local; the invocation routes are the Functions host's own calls.
            if (path.StartsWith("api/dev/", StringComparison.Ordinal) || path.Length == 0)
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            unreachable.AddRange(methods
                .Where(method => !functions.Any(f => f.Methods.Contains(method) && RouteTemplate.Matches(f.Route, path)))
                .Select(method => $"{method} /{path} ({endpoint.RoutePattern.RawText})"));
        }

        Assert.NotEmpty(endpoints);
        Assert.True(unreachable.Count == 0, "Mapped by the app but reached by no function:\n" + string.Join("\n", unreachable));
    }

    [Theory]
    [InlineData("POST", "Maintenance")]
    public void HttpFunctions_DevelopmentAndInvocationRoutes_AreNotReachableFromOutside(string method, string path)
    {
        var covering = HttpFunctions().Where(f => f.Methods.Contains(method) && RouteTemplate.Matches(f.Route, path)).Select(f => f.Name);

        Assert.Empty(covering);
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

    private IEnumerable<FunctionJson> HttpFunctions() => FunctionJson.ReadAll(package.Folder).Where(f => f.IsHttp);

    private static void AssertValidHttpFunction(FunctionJson function)
    {
        var trigger = function.Trigger;
        Assert.Contains(trigger.GetProperty("authLevel").GetString(), new[] { "anonymous", "function", "admin" });
        Assert.All(function.Methods, method => Assert.Contains(method, s_httpMethods));
        Assert.False(function.Route.StartsWith('/'), $"{function.Name}: routes are relative to the route prefix");
        Assert.False(function.Route.StartsWith("admin", StringComparison.OrdinalIgnoreCase), $"{function.Name}: admin/ is the host's own");
        // Forwarding the request unchanged needs exactly an HTTP trigger and an HTTP output, nothing else.
        Assert.Equal(2, function.Bindings.Count);
        Assert.Single(function.Bindings, b => FunctionJson.Type(b) == "http" && b.GetProperty("direction").GetString() == "out");
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex FunctionName();

    [GeneratedRegex(@"^(\$return|[A-Za-z][A-Za-z0-9]*)$")]
    private static partial Regex BindingName();

    // Six NCRONTAB fields: second minute hour day month day-of-week.
    [GeneratedRegex(@"^[0-9*/,-]+( [0-9*/,A-Za-z-]+){5}$")]
    private static partial Regex NcrontabSchedule();
}
