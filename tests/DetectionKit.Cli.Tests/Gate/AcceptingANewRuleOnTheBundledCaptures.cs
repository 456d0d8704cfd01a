using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.Gate;

/// <summary>
/// The author's loop on a copy of this repository's rules and captures: a new rule that fires on a
/// bundled capture fails <c>test</c>, naming the rule and the capture, and <c>test --accept</c> alone (no
/// C# edit, no filter) makes <c>test</c> and <c>validate</c> pass. The shipped rules' own tests read the
/// same verified files as these commands (<c>ShippedRun</c> in DetectionKit.Rules.Tests), so they pass too.
/// </summary>
public sealed class AcceptingANewRuleOnTheBundledCaptures
{
    [Test]
    public void TestFailsNamingTheRuleThenAcceptAloneMakesTestAndValidatePass()
    {
        using var copy = new RulesWorkspace();
        CopyDirectory(RepositoryPaths.Rules, copy.Rules);
        CopyDirectory(RepositoryPaths.Fixtures, Path.Combine(copy.Root, "fixtures"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "fixtures.verified.json"), Path.Combine(copy.Root, "fixtures.verified.json"));
        var pack = Path.Combine(copy.Rules, "aws", "cloudtrail");
        File.WriteAllText(Path.Combine(pack, "logging-stopped-again.yml"), File.ReadAllText(Path.Combine(pack, "logging-stopped.yml"))
            .Replace("id: aws.cloudtrail.logging-stopped", "id: aws.cloudtrail.logging-stopped-again", StringComparison.Ordinal));
        File.Copy(Path.Combine(pack, "logging-stopped.csx"), Path.Combine(pack, "logging-stopped-again.csx"));

        var before = Shell.Run("test", "--rules", copy.Rules);
        var accept = Shell.Run("test", "--rules", copy.Rules, "--accept");
        var after = Shell.Run("test", "--rules", copy.Rules);
        var validate = Shell.Run("validate", "--rules", copy.Rules);

        Assert.That(before.ExitCode, Is.EqualTo(1));
        Assert.That(before.Out, Does.Contain("FAIL aws.cloudtrail.logging-stopped-again / "));
        Assert.That(before.Out, Does.Contain("FAIL capture stratus-red-team/aws.defense-evasion.cloudtrail-stop.json").And.Contain("+ aws.cloudtrail.logging-stopped-again (high"));
        Assert.That(accept.ExitCode, Is.EqualTo(0), accept.ToString);
        Assert.That(after.ExitCode, Is.EqualTo(0), after.ToString);
        Assert.That(validate.ExitCode, Is.EqualTo(0), validate.ToString);
        Assert.That(File.ReadAllText(Path.Combine(copy.Root, "fixtures.verified.json")), Does.Contain("\"ruleId\": \"aws.cloudtrail.logging-stopped-again\""));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            if (file.Contains(".received.", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
