using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Cli.Tests.Deployment;

/// <summary>The example CloudFormation template passes cfn-lint with no finding at all, informational ones included.</summary>
public sealed class LintingTheWorkerTemplate
{
    [Test]
    public void CfnLintFindsNothing()
    {
        var cfnLint = ExternalTool.Require("cfn-lint", "pip install cfn-lint");

        var result = ExternalTool.Run(cfnLint, ["--include-checks", "I", "--", WorkerTemplate.Path], TimeSpan.FromMinutes(2));

        Assert.That((result.ExitCode, result.Out.Trim()), Is.EqualTo((0, string.Empty)), result.ToString);
    }
}
