using System.Net;
using System.Net.Sockets;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace LaaWorkflow.Functions.Tests.Browser;

/// <summary>
/// The local host on a real port and Debian's chromium driving it, with the checks every page must pass at desktop
/// and phone width: no console errors, no horizontal overflow, no serious or critical axe violations (WCAG 2.1 AA).
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>The widths every page is checked at: a desktop browser and a phone.</summary>
    public static readonly int[] Widths = [1400, 390];

    private static readonly string[] s_axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private readonly HostFactory _host;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(HostFactory host, Uri baseUrl, HttpClient admin, IPlaywright playwright, IBrowser browser)
    {
        _host = host;
        BaseUrl = baseUrl;
        Admin = admin;
        _playwright = playwright;
        _browser = browser;
    }

    public Uri BaseUrl { get; }

    /// <summary>An HTTP client with the admin key, for setting up what the pages show.</summary>
    public HttpClient Admin { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<BrowserSession> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium is required (the test command installs it).");
        var all = new Dictionary<string, string?>
        {
            ["Negotiation:TablePrefix"] = AzuriteFixture.NewTableName("web"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var (host, baseUrl) = LoopbackHost.Start(azurite, all);
        var admin = new HttpClient { BaseAddress = baseUrl };
        admin.DefaultRequestHeaders.Add("x-functions-key", HostFactory.AdminKey);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new BrowserSession(host, baseUrl, admin, playwright, browser);
    }

    /// <summary>A page at <paramref name="width"/> px that records console errors and failed requests in <see cref="CheckedPage.Errors"/>.</summary>
    public async Task<CheckedPage> NewPageAsync(int width)
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        // Generous limits: the build machines are shared and a loaded page can take a while.
        page.SetDefaultTimeout(90_000);
        Assertions.SetDefaultExpectTimeout(90_000);
        return new CheckedPage(page, width);
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
    }

    /// <summary>tests/TestResults/screenshots, where every browser test saves what it saw.</summary>
    internal static string ScreenshotFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LaaWorkflow.sln")))
        {
            folder = folder.Parent;
        }
        var path = Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, "tests", "TestResults", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>One browser page with the checks of the page rules.</summary>
    internal sealed class CheckedPage
    {
        private readonly List<string> _errors = [];

        public CheckedPage(IPage page, int width)
        {
            Page = page;
            Width = width;
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    lock (_errors)
                    {
                        _errors.Add($"console: {message.Text}");
                    }
                }
            };
            page.PageError += (_, error) =>
            {
                lock (_errors)
                {
                    _errors.Add($"page error: {error}");
                }
            };
        }

        public IPage Page { get; }

        public int Width { get; }

        public IReadOnlyList<string> Errors
        {
            get
            {
                lock (_errors)
                {
                    return [.. _errors];
                }
            }
        }

        /// <summary>Forgets the errors so far (those before sign-in, when a page is expected to be refused).</summary>
        public void ClearErrors()
        {
            lock (_errors)
            {
                _errors.Clear();
            }
        }

        public void AssertNoConsoleErrors() =>
            Assert.True(Errors.Count == 0, $"At {Width} px the page logged errors:\n" + string.Join("\n", Errors));

        /// <summary>Nothing wider than the viewport: a phone never scrolls sideways.</summary>
        public async Task AssertNoHorizontalOverflowAsync()
        {
            var overflow = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (overflow > 0)
            {
                var culprits = await Page.EvaluateAsync<string[]>(
                    """
                    () => [...document.querySelectorAll('body *')]
                      .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                      .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''))
                    """);
                Assert.Fail($"At {Width} px {Page.Url} scrolls sideways by {overflow} px; widest: {string.Join(", ", culprits)}");
            }
        }

        /// <summary>No WCAG 2.1 A/AA violation of serious or critical impact, by axe-core.</summary>
        public async Task AssertAccessibleAsync()
        {
            var results = await Page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. s_axeTags] } });
            var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, $"At {Width} px {Page.Url} has accessibility violations:\n" + string.Join("\n", serious.Select(v =>
                $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")));
        }

        /// <summary>The page's whole length, saved under tests/TestResults/screenshots as name-width.png.</summary>
        public Task ScreenshotAsync(string name) =>
            Page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder(), $"{name}-{Width}.png"), FullPage = true });

        /// <summary>Every rule at once, with a screenshot first so a failure can be seen.</summary>
        public async Task AssertPageRulesAsync(string name)
        {
            await ScreenshotAsync(name);
            AssertNoConsoleErrors();
            await AssertNoHorizontalOverflowAsync();
            await AssertAccessibleAsync();
        }
    }
}
