using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.Commands;

public sealed class DocsCommandTests
{
    private const string Reference = "docs/rule-api.md";
    private const string Regenerate = "dotnet run --project engine/DetectionKit.Cli -- docs rule-api --out " + Reference;

    [Test]
    public void TheCheckedInRuleApiReferenceMatchesTheDocComments()
    {
        var checkedIn = File.ReadAllText(Path.Combine(RepositoryPaths.Root, Reference)).ReplaceLineEndings("\n");

        var result = Shell.Run("docs", "rule-api");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        if (result.Out != checkedIn)
        {
            Assert.Fail($"{Reference} is stale: it no longer says what the doc comments of engine/DetectionKit.Scripting say.\n"
                + $"{FirstDifference(checkedIn, result.Out)}\n"
                + $"Regenerate it from the repository root and commit it:\n  {Regenerate}");
        }
    }

    [Test]
    public void GivenOutTheReferenceIsWrittenToThatFileAndNotToStdout()
    {
        var file = Path.Combine(Path.GetTempPath(), $"rule-api-{Guid.NewGuid():N}.md");
        try
        {
            var result = Shell.Run("docs", "rule-api", "--out", file);

            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
            Assert.That(result.Out, Is.Empty);
            Assert.That(result.Error, Does.StartWith("wrote the rule-API reference (").And.Contain($") to {file}"));
            Assert.That(File.ReadAllText(file), Is.EqualTo(Shell.Run("docs", "rule-api").Out));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void TheReferenceHasASectionPerTypeAndLinksMentionsOfOtherTypes()
    {
        var result = Shell.Run("docs", "rule-api");

        Assert.That(result.OutLines[0], Is.EqualTo("# Rule API reference"));
        Assert.That(result.OutLines, Has.Member("## CloudTrailEvent").And.Member("## UserIdentity").And.Member("public sealed class CloudTrailEvent"));
        Assert.That(result.OutLines, Has.Some.StartsWith("| [`CloudTrailEvent`](#cloudtrailevent) | One CloudTrail record, the argument of every rule function."));
        Assert.That(result.OutLines, Has.Some.StartsWith("| `static Arn? Parse(string? text)` | The parsed ARN, or null when `text` is not one"));
        Assert.That(result.OutLines.Single(line => line.StartsWith("| `bool MfaUsed { get; }`", StringComparison.Ordinal)),
            Does.Contain("([`UserIdentity.MfaAuthenticated`](#useridentity))"));
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var was = i < expectedLines.Length ? expectedLines[i] : "(end of file)";
            var now = i < actualLines.Length ? actualLines[i] : "(end of file)";
            if (was != now)
            {
                return $"First difference, line {i + 1}:\n  checked in: {was}\n  generated:  {now}";
            }
        }

        return "They differ only in line endings.";
    }
}
