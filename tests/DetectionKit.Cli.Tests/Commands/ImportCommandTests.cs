using System.Text.Json;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.Commands;

public sealed class ImportCommandTests
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "docs", "examples", "sigma");

    /// <summary>The samples that describe a bundled capture, with it, and a capture each must not match.</summary>
    private static readonly (string Rule, string[] Captures, string Negative)[] Described =
    [
        ("cloudtrail-logging-stopped", ["aws.defense-evasion.cloudtrail-stop.json", "aws.defense-evasion.cloudtrail-delete.json"], "aws.defense-evasion.cloudtrail-event-selectors.json"),
        ("console-login-without-mfa", ["aws.initial-access.console-login-without-mfa.json"], "aws.persistence.iam-create-user-login-profile.json"),
        ("ec2-get-password-data", ["aws.credential-access.ec2-get-password-data.json"], "aws.discovery.ec2-download-user-data.json"),
        ("iam-login-profile-created-for-another-user", ["aws.persistence.iam-create-user-login-profile.json"], "aws.privilege-escalation.iam-update-user-login-profile.json"),
        ("ec2-snapshot-shared", ["aws.exfiltration.ec2-share-ebs-snapshot.json"], "aws.exfiltration.ec2-share-ami.json"),
    ];

    [Test]
    public void TheSamplesImportDisabledPassValidateFireOnTheirCapturesWhenEnabledAndPassTestOnceTheyHaveCases()
    {
        using var workspace = new RulesWorkspace();
        File.Copy(Path.Combine(RepositoryPaths.Root, "rules.schema.json"), Path.Combine(workspace.Root, "rules.schema.json"));

        var imported = Shell.Run("import", "sigma", Samples, "--rules", workspace.Rules);
        var validated = Shell.Run("validate", "--rules", workspace.Rules);

        Assert.That(imported.ExitCode, Is.EqualTo(1), "three samples are meant to fail");
        Assert.That(imported.OutLines, Does.Contain("converted 9, skipped 1 (not cloudtrail), failed 3"));
        var written = Directory.GetFiles(Path.Combine(workspace.Rules, "sigma"), "*.yml");
        Assert.That(written, Has.Length.EqualTo(9));
        Assert.That(written.Select(File.ReadAllText), Has.All.Contain("\nenabled: false\n").And.All.Contain("\ntests: []\n"));
        Assert.That(validated.ExitCode, Is.EqualTo(0), validated.ToString);
        Assert.That(validated.OutLines[^1], Is.EqualTo("9 rule files, 9 valid, 0 errors, 9 warnings"));

        // Enabled as imported, without cases: each fires on the captures it describes, and only it.
        foreach (var yaml in written)
        {
            File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("enabled: false", "enabled: true", StringComparison.Ordinal));
        }

        foreach (var (rule, captures, negative) in Described)
        {
            foreach (var capture in captures)
            {
                Assert.That(AlertingRules(workspace, capture), Is.EqualTo(new[] { "sigma." + rule }), capture);
            }

            Assert.That(AlertingRules(workspace, negative), Does.Not.Contain("sigma." + rule), negative);
        }

        // With cases recorded from the captures' real records, they pass test and validate as any rule does.
        var fixtures = Path.Combine(workspace.Root, "fixtures", "stratus-red-team");
        Directory.CreateDirectory(fixtures);
        foreach (var capture in Described.SelectMany(d => d.Captures.Append(d.Negative)).Distinct())
        {
            File.Copy(Path.Combine(RepositoryPaths.Fixtures, "stratus-red-team", capture), Path.Combine(fixtures, capture));
        }

        foreach (var yaml in written)
        {
            var name = Path.GetFileNameWithoutExtension(yaml);
            var described = Described.SingleOrDefault(d => d.Rule == name);
            var text = File.ReadAllText(yaml);
            text = described.Rule is null
                ? text.Replace("enabled: true", "enabled: false", StringComparison.Ordinal)
                : text.Replace("tests: []\n", "tests:\n" + string.Concat(described.Captures.Select(c => Case(c, true))) + Case(described.Negative, false), StringComparison.Ordinal);
            File.WriteAllText(yaml, text);
        }

        var accepted = Shell.Run("test", "--rules", workspace.Rules, "--accept");
        var tested = Shell.Run("test", "--rules", workspace.Rules);
        var revalidated = Shell.Run("validate", "--rules", workspace.Rules);

        Assert.That(accepted.ExitCode, Is.EqualTo(0), accepted.ToString);
        Assert.That(tested.ExitCode, Is.EqualTo(0), tested.ToString);
        Assert.That(tested.OutLines[^1], Is.EqualTo("21 passed, 0 failed"), "11 cases and the 10 captures copied beside the rules");
        Assert.That(revalidated.ExitCode, Is.EqualTo(0), revalidated.ToString);
        Assert.That(revalidated.OutLines[^1], Is.EqualTo("9 rule files, 9 valid, 0 errors, 4 warnings"), "the four rules still without cases stay disabled, with a warning");
    }

    [Test]
    public void ADryRunWritesNothingAndAnExistingRuleNeedsForce()
    {
        using var workspace = new RulesWorkspace();
        var sample = Path.Combine(Samples, "cloudtrail_logging_stopped.yml");

        var dry = Shell.Run("import", "sigma", sample, "--rules", workspace.Rules, "--pack", "aws/imported", "--dry-run");
        Assert.That(dry.ExitCode, Is.EqualTo(0), dry.ToString);
        Assert.That(dry.OutLines[^1], Is.EqualTo("converted 1, skipped 0 (not cloudtrail), failed 0 (dry run: nothing written)"));
        Assert.That(Directory.Exists(Path.Combine(workspace.Rules, "aws")), Is.False);

        var first = Shell.Run("import", "sigma", sample, "--rules", workspace.Rules, "--pack", "aws/imported");
        var yaml = Path.Combine(workspace.Rules, "aws", "imported", "cloudtrail-logging-stopped.yml");
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString);
        Assert.That(File.ReadAllText(yaml), Does.Contain("id: aws.imported.cloudtrail-logging-stopped\n"));
        File.AppendAllText(yaml, "# edited\n");

        var again = Shell.Run("import", "sigma", sample, "--rules", workspace.Rules, "--pack", "aws/imported");
        Assert.That(again.ExitCode, Is.EqualTo(1));
        Assert.That(again.Out, Does.Contain("error DK7012: already exists; not overwritten").And.Contain("pass --force"));
        Assert.That(File.ReadAllText(yaml), Does.EndWith("# edited\n"));

        var forced = Shell.Run("import", "sigma", sample, "--rules", workspace.Rules, "--pack", "aws/imported", "--force");
        Assert.That(forced.ExitCode, Is.EqualTo(0), forced.ToString);
        Assert.That(File.ReadAllText(yaml), Does.Not.Contain("# edited"));
    }

    [TestCase("missing.yml", "no such Sigma file or folder")]
    [TestCase("SAMPLE", "--pack '../x' is not a pack folder", "--pack", "../x")]
    public void BadArgumentsAreUsageErrors(string source, string message, params string[] more)
    {
        using var workspace = new RulesWorkspace();
        var path = source == "SAMPLE" ? Path.Combine(Samples, "cloudtrail_logging_stopped.yml") : Path.Combine(workspace.Root, source);

        var result = Shell.Run(["import", "sigma", path, "--rules", workspace.Rules, .. more]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain(message));
    }

    private static string[] AlertingRules(RulesWorkspace workspace, string capture)
    {
        var run = Shell.Run("run", "--rules", workspace.Rules, "--source", Path.Combine(RepositoryPaths.Fixtures, "stratus-red-team", capture));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString);
        return [.. run.OutLines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("ruleId").GetString()!).Distinct().Order(StringComparer.Ordinal)];
    }

    private static string Case(string capture, bool expect) =>
        $"  - name: {(expect ? "fires on" : "quiet on")} {capture}\n    expect: {(expect ? "true" : "false")}\n    file: ../../fixtures/stratus-red-team/{capture}\n";
}
