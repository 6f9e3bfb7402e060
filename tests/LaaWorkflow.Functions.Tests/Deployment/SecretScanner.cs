using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LaaWorkflow.Functions.Tests.Deployment;

/// <summary>Looks for credentials in the committed files: the shapes real keys and signatures have.</summary>
internal static partial class SecretScanner
{
    // Azurite's account key is published in its documentation and works nowhere else.
    private const string EmulatorAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly (string Kind, Regex Pattern)[] s_patterns =
    [
        ("SendGrid API key", SendGridKey()),
        ("storage account key", AccountKey()),
        ("SAS signature", SasSignature()),
        ("private key", PrivateKey()),
        ("Application Insights key", InstrumentationKey()),
    ];

    /// <summary>Every finding in <paramref name="text"/>, as "kind: line n".</summary>
    public static IEnumerable<string> Scan(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var (kind, pattern) in s_patterns)
            {
                foreach (Match match in pattern.Matches(lines[i]))
                {
                    if (kind == "storage account key" && match.Groups["key"].Value == EmulatorAccountKey)
                    {
                        continue;
                    }
                    yield return $"{kind}: line {i + 1}";
                }
            }
        }
    }

    /// <summary>The files git tracks in the checkout, or every file outside build output when git is not there.</summary>
    public static IReadOnlyList<string> CommittedFiles()
    {
        try
        {
            var start = new ProcessStartInfo("git", ["ls-files", "-z"])
            {
                WorkingDirectory = RepositoryRoot.Path,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var git = Process.Start(start)!;
            var listing = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode == 0)
            {
                return [.. listing.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(path => RepositoryRoot.Combine(path)).Where(File.Exists)];
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git: fall back to walking the tree.
        }
        string[] skipped = ["/.git/", "/bin/", "/obj/", "/node_modules/", "/artifacts/", "/TestResults/", "/.azurite/"];
        return [.. Directory.EnumerateFiles(RepositoryRoot.Path, "*", SearchOption.AllDirectories)
            .Where(path => !skipped.Any(part => path.Replace('\\', '/').Contains(part, StringComparison.Ordinal)))];
    }

    [GeneratedRegex(@"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}")]
    private static partial Regex SendGridKey();

    [GeneratedRegex(@"AccountKey=(?<key>[A-Za-z0-9+/]{86}==)")]
    private static partial Regex AccountKey();

    [GeneratedRegex(@"[?&]sig=[A-Za-z0-9%+/]{30,}")]
    private static partial Regex SasSignature();

    [GeneratedRegex(@"-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"InstrumentationKey=[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex InstrumentationKey();
}
