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

    [TestCase("aws/iam/foo.yml")]
    [TestCase("aws/iam/foo.yaml")]
    [TestCase("aws/iam/foo.csx")]
    public void AFileEndingInTheNameIsNotDoubled(string name)
    {
        using var workspace = new RulesWorkspace();

        var result = Shell.Run("new", name, "--rules", workspace.Rules);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        var written = Directory.GetFiles(Path.Combine(workspace.Rules, "aws", "iam")).Select(Path.GetFileName);
        Assert.That(written, Is.EquivalentTo(new[] { "foo.yml", "foo.csx" }));
        Assert.That(File.ReadAllText(Path.Combine(workspace.Rules, "aws", "iam", "foo.yml")), Does.Contain("id: aws.iam.foo\n"));
    }

    [Test]
    public void RulesWithNoSchemaAboveThemGetTheToolsSchemaBesideThem()
    {
        using var workspace = new RulesWorkspace();

        var result = Shell.Run("new", "aws/iam/user-created", "--rules", workspace.Rules);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        var yamlPath = Path.Combine(workspace.Rules, "aws", "iam", "user-created.yml");
        var header = File.ReadLines(yamlPath).First();
        Assert.That(header, Is.EqualTo("# yaml-language-server: $schema=../../../rules.schema.json"));
        var schema = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(yamlPath)!, "../../../rules.schema.json"));
        Assert.That(schema, Is.EqualTo(Path.Combine(workspace.Root, "rules.schema.json")), "beside the rules directory, as in this repository");
        Assert.That(File.ReadAllText(schema), Is.EqualTo(File.ReadAllText(Path.Combine(DetectionKit.Tests.Shared.RepositoryPaths.Root, "rules.schema.json"))), "the schema validate checks with");

        var second = Shell.Run("new", "aws/iam/group-created", "--rules", workspace.Rules);

        Assert.That(second.Out, Does.Not.Contain("rules.schema.json"), "written once, then found");
    }

    [Test]
    public void AnEventGivenWithMatchIsWhatTheScaffoldWatchesAndItPassesItsCases()
    {
        using var workspace = new RulesWorkspace();

        var created = Shell.Run("new", "aws/s3/public-block-removed", "--rules", workspace.Rules, "--match", "s3:DeletePublicAccessBlock");
        var accept = Shell.Run("test", "--rules", workspace.Rules, "--accept");

        Assert.That(created.ExitCode, Is.EqualTo(0), created.ToString);
        Assert.That(created.Out, Does.Contain("the scaffold watches s3.amazonaws.com DeletePublicAccessBlock"));
        var yaml = File.ReadAllText(Path.Combine(workspace.Rules, "aws", "s3", "public-block-removed.yml"));
        Assert.That(yaml, Does.Contain("match:\n  eventSource: s3.amazonaws.com\n  eventName: DeletePublicAccessBlock\n"));
        Assert.That(yaml, Does.Not.Contain("CreateGroup"));
        Assert.That(accept.OutLines[^1], Is.EqualTo("2 passed, 0 failed"), accept.ToString);
    }

    [Test]
    public void ExistingRulesOnTheSameEventAreNamedWhereTheyMatchIt()
    {
        using var workspace = new RulesWorkspace();
        Shell.Run("new", "aws/iam/user-created", "--rules", workspace.Rules, "--match", "iam:CreateUser");
        workspace.AddRule("aws/iam/any-user-change", "id: aws.iam.any-user-change\ntitle: T\nseverity: low\nmatch:\n  eventName: [DeleteUser, CreateUser]\ntests:\n  - { name: a, expect: true, event: { eventName: CreateUser } }\n", "bool Rule(CloudTrailEvent e) => true;\n");
        workspace.AddRule("aws/sso/user-created", "id: aws.sso.user-created\ntitle: T\nseverity: low\nmatch:\n  eventSource: sso-directory.amazonaws.com\n  eventName: CreateUser\ntests:\n  - { name: a, expect: true, event: { eventName: CreateUser } }\n", "bool Rule(CloudTrailEvent e) => true;\n");

        var result = Shell.Run("new", "aws/iam/user-made", "--rules", workspace.Rules, "--match", "iam:CreateUser");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        var warnings = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(warnings, Has.Length.EqualTo(2), "the rule on another service's CreateUser is not named");
        Assert.That(warnings[0], Does.EndWith("any-user-change.yml:5:27: warning DK1025: rule aws.iam.any-user-change already matches iam.amazonaws.com CreateUser; a new case there may say what you mean with one rule fewer"));
        Assert.That(warnings[1], Does.EndWith("user-created.yml:15:14: warning DK1025: rule aws.iam.user-created already matches iam.amazonaws.com CreateUser; a new case there may say what you mean with one rule fewer"));
        Assert.That(File.Exists(Path.Combine(workspace.Rules, "aws", "iam", "user-made.yml")), Is.True, "a warning, not a refusal");
    }

    [TestCase("iam:CreateUsr", "error: --match: 'CreateUsr' is not an operation of iam.amazonaws.com (did you mean 'CreateUser'?)")]
    [TestCase("iamm:CreateUser", "error: --match: 'iamm.amazonaws.com' is not an AWS service in the API catalog (did you mean 'iam.amazonaws.com'?)")]
    [TestCase("CreateUser", "error: --match 'CreateUser' is not SOURCE:NAME; write the service and the API call, e.g. --match iam:CreateUser")]
    public void AnEventTheCatalogDoesNotKnowIsRefusedWithTheClosestName(string match, string error)
    {
        using var workspace = new RulesWorkspace();

        var result = Shell.Run("new", "aws/iam/x", "--rules", workspace.Rules, "--match", match);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error.TrimEnd(), Is.EqualTo(error));
        Assert.That(Directory.GetFileSystemEntries(workspace.Rules), Is.Empty, "nothing is written");
    }
}
