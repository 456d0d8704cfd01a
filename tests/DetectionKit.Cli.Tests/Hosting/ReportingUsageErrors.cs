using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Cli.Tests.Hosting;

/// <summary>A mistyped option or command is a usage error (exit 2) that names what was most likely meant.</summary>
public sealed class ReportingUsageErrors
{
    [Test]
    public void AnUnknownOptionSuggestsTheCommandsClosestOption()
    {
        var result = Shell.Run("test", "--filtr", "aws.*");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "error: unknown option '--filtr' for 'detectionkit test'; did you mean '--filter'?",
            "Run 'detectionkit test --help' for usage.",
        }), "the mistyped option's value is not a second mistake");
    }

    [Test]
    public void AnOptionOfAnotherCommandIsNotSuggested()
    {
        var result = Shell.Run("generate", "--acept");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith("error: unknown option '--acept' for 'detectionkit generate'\n"), "--accept belongs to test, not generate");
    }

    [Test]
    public void AnUnknownCommandSuggestsTheClosestCommand()
    {
        var result = Shell.Run("valdiate");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "error: unknown command 'valdiate' for 'detectionkit'; did you mean 'validate'?",
            "Run 'detectionkit --help' for usage.",
        }));
    }

    [Test]
    public void AnUnknownSubcommandSuggestsAmongItsSiblings()
    {
        var result = Shell.Run("docs", "parameter");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith("error: unknown command 'parameter' for 'detectionkit docs'; did you mean 'parameters'?\n"));
    }

    [Test]
    public void ACommandNothingIsCloseToListsTheCommands()
    {
        var result = Shell.Run("xyzzy");

        Assert.That(result.Error, Does.StartWith("error: unknown command 'xyzzy' for 'detectionkit'; its commands: test, validate, run, new, "));
    }
}
