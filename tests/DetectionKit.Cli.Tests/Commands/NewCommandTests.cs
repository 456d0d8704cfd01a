using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Cli.Tests.Commands;

public sealed class NewCommandTests
{
    [Test]
    public void AScaffoldedRulePassesTestAndValidateOnceItsSnapshotIsAccepted()
    {
        using var workspace = new RulesWorkspace();
        File.Copy(Path.Combine(DetectionKit.Tests.Shared.RepositoryPaths.Root, "rules.schema.json"), Path.Combine(workspace.Root, "rules.schema.json"));

        var created = Shell.Run("new", "aws/iam/user-created", "--rules", workspace.Rules);
        var accept = Shell.Run("test", "--rules", workspace.Rules, "--accept");
        var validate = Shell.Run("validate", "--rules", workspace.Rules);

        Assert.That(created.ExitCode, Is.EqualTo(0), created.ToString);
        Assert.That(accept.OutLines[^1], Is.EqualTo("2 passed, 0 failed"));
        Assert.That(validate.ExitCode, Is.EqualTo(0), validate.ToString);
        var yaml = File.ReadAllLines(Path.Combine(workspace.Rules, "aws", "iam", "user-created.yml"));
        Assert.That(yaml[0], Is.EqualTo("# yaml-language-server: $schema=../../../rules.schema.json"));
        Assert.That(yaml, Does.Contain("id: aws.iam.user-created"));
    }

    [Test]
    public void AnExistingRuleIsNotOverwritten()
    {
        using var workspace = new RulesWorkspace();
        Shell.Run("new", "pack/rule", "--rules", workspace.Rules);

        var again = Shell.Run("new", "pack/rule", "--rules", workspace.Rules);

        Assert.That(again.ExitCode, Is.EqualTo(2));
        Assert.That(again.Error, Does.Contain("already exists"));
    }

    [Test]
    public void ANameWithoutAPackIsRefused()
    {
        var result = Shell.Run("new", "lonely");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("use <pack>/<name>"));
    }

    [TestCase("../escape/x")]
    [TestCase("aws/./x")]
    [TestCase("aws/../../x")]
    public void APathThatLeavesThePackOrTheRulesIsRefused(string name)
    {
        var result = Shell.Run("new", name, "--rules", Path.Combine(Path.GetTempPath(), "detectionkit-new-" + Guid.NewGuid().ToString("N")));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("is not a rule path"));
    }
}
