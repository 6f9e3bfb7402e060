using System.Text.RegularExpressions;
using Xunit;

namespace LaaWorkflow.Functions.Tests.Deployment;

/// <summary>Nothing secret is committed: no key-shaped strings anywhere, placeholders in the settings files, Key Vault in Azure.</summary>
public sealed partial class SecretsTests
{
    [Fact]
    public void CommittedFiles_HoldNoKeyShapedStrings()
    {
        var files = SecretScanner.CommittedFiles();
        var findings = new List<string>();
        foreach (var file in files.Where(f => new FileInfo(f).Length < 4 * 1024 * 1024))
        {
            var text = File.ReadAllText(file);
            if (text.Contains('\0', StringComparison.Ordinal))
            {
                continue;
            }
            findings.AddRange(SecretScanner.Scan(text).Select(finding => $"{Path.GetRelativePath(RepositoryRoot.Path, file)}: {finding}"));
        }

        Assert.True(files.Count > 50, $"only {files.Count} files found to scan");
        Assert.True(findings.Count == 0, "Key-shaped strings committed:\n" + string.Join("\n", findings));
    }

    [Fact]
    public void Scan_KeyShapedStrings_AreFound()
    {
        // Built at run time so this file does not itself hold the shapes it looks for.
        var sendGrid = "SG" + "." + new string('a', 22) + "." + new string('b', 43);
        var accountKey = "AccountKey" + "=" + new string('Q', 86) + "==";
        var privateKey = "-----BEGIN " + "PRIVATE KEY-----";
        var emulator = "AccountKey" + "=" + "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

        Assert.Equal(["SendGrid API key: line 1", "storage account key: line 2", "private key: line 3"],
            SecretScanner.Scan($"{sendGrid}\n{accountKey}\n{privateKey}\n{emulator}"));
    }

    [Fact]
    public void SampleSettings_SecretValues_AreEmptyOrMarkedLocal()
    {
        var offending = AppSettings.Sample()
            .Where(setting => SecretName().IsMatch(setting.Key))
            .Where(setting => setting.Value.Length > 0 && !IsLocalOnly(setting))
            .Select(setting => setting.Key)
            .ToList();

        Assert.True(offending.Count == 0, "Secret settings in local.settings.sample.json must be empty or say they are local: " + string.Join(", ", offending));
    }

    [Fact]
    public void BicepAppSettings_SecretValues_AreKeyVaultReferences()
    {
        var secrets = AppSettings.Bicep().Where(setting => SecretName().IsMatch(setting.Key)).ToList();

        Assert.NotEmpty(secrets);
        Assert.All(secrets, setting => Assert.StartsWith("'@Microsoft.KeyVault(VaultName=", setting.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Bicep_SecureParameters_HaveNoDefaultValueAndAreNotInTheParametersFile()
    {
        var lines = File.ReadAllLines(RepositoryRoot.Combine("infra", "main.bicep"));
        var parameters = File.ReadAllText(RepositoryRoot.Combine("infra", "main.parameters.json"));
        var secure = lines.Select((line, index) => (line, index))
            .Where(item => item.line.Trim() == "@secure()")
            .Select(item => SecureParameter().Match(lines[item.index + 1]))
            .ToList();

        Assert.NotEmpty(secure);
        Assert.All(secure, match =>
        {
            Assert.True(match.Success, "@secure() must be followed by 'param <name> string'");
            Assert.Equal("''", match.Groups["default"].Value);
            Assert.DoesNotContain($"\"{match.Groups["name"].Value}\"", parameters, StringComparison.Ordinal);
        });
    }

    // The sample's local values are readable on purpose (the admin key, the token key's base64 of a
    // sentence saying it is not a secret), so a local run works out of the box.
    private static bool IsLocalOnly(KeyValuePair<string, string> setting)
    {
        var value = setting.Value;
        try
        {
            value += " " + System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(setting.Value));
        }
        catch (FormatException)
        {
            // Not base64: the value speaks for itself.
        }
        return value.Contains("local", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"(ApiKey|Secret|Password|AdminKeys|__Keys__)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^param (?<name>[A-Za-z0-9]+) string = (?<default>.*)$")]
    private static partial Regex SecureParameter();
}
