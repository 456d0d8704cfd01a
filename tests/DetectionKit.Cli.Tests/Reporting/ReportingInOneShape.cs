using System.Text.RegularExpressions;
using System.Xml.Linq;
using DetectionKit.Cli.Tests.Support;

namespace DetectionKit.Cli.Tests.Reporting;

/// <summary>Every report names a problem as <c>path:line:col: severity DKnnnn: message</c>, with the path relative to the working directory.</summary>
public sealed partial class ReportingInOneShape
{
    [Test]
    public void TextAndJUnitNameEveryProblemByRelativePathLineAndColumn()
    {
        using var workspace = new RulesWorkspace();
        workspace.AddRule("sample/broken", SampleRules.BrokenYaml, SampleRules.BrokenScript);
        workspace.AddRule("sample/typo", "id: sample.typo\ntitle: T\nserverity: low\ntests: []\n", "bool Rule(CloudTrailEvent e) => true;\n");

        var text = Shell.Run("test", "--rules", workspace.Rules);
        var junit = Shell.Run("test", "--rules", workspace.Rules, "--format", "junit");

        var lines = text.OutLines.Where(l => l.Contains(" DK", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Some.Contains("broken.csx:3:"));
        Assert.That(lines, Has.Some.Contains("typo.yml:3:1: error DK1003:"));
        Assert.That(lines, Has.All.Match(Shape().ToString()));
        var document = XDocument.Parse(junit.Out);
        var failures = document.Descendants("failure").Select(f => f.Value).ToList();
        Assert.That(failures, Is.Not.Empty);
        Assert.That(failures.Where(f => f.Contains(" DK", StringComparison.Ordinal)), Has.All.Match(Shape().ToString()), "JUnit failures read as the text report does");
        Assert.That(document.Descendants().Attributes("file").Select(a => a.Value), Has.None.Matches<string>(Path.IsPathRooted), "no absolute paths in a report read on other machines");
    }

    [Test]
    public void ACommandsOwnErrorAboutAFolderTakesTheShapeToo()
    {
        var result = Shell.Run("validate", "--rules", "no/such/rules");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error.TrimEnd(), Is.EqualTo("no/such/rules: error DK1009: the rules directory does not exist (pass --rules DIR, or run from the repository root)"));
    }

    [Test]
    public void AScheduleFilesProblemsComeTogetherEachInTheShape()
    {
        using var workspace = new RulesWorkspace();
        var schedule = workspace.AddFile("schedule.yml", """
            state: state.db
            jobs:
              - name: org-trail
                source: { url: s3://org-trail }
                cron: "*/15 * * *"
                lookbak: 2h
                outputs: [{ type: jsonl, path: alerts.jsonl }]
            """);

        var result = Shell.Run("schedule", "--config", schedule, "--once");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Select(l => l[(l.IndexOf("schedule.yml:", StringComparison.Ordinal) + "schedule.yml:".Length)..l.IndexOf(": ", StringComparison.Ordinal)]), Is.EquivalentTo(new[] { "5:5", "6:5" }), "the cron and the unknown key, in one pass");
        Assert.That(lines, Has.All.Match(Shape().ToString()));
    }

    [Test]
    public void GitHubAnnotationsCarryTheSamePlace()
    {
        var atLine = DetectionKit.Engine.Diagnostics.Diagnostic.Error("DK1001", new DetectionKit.Engine.Diagnostics.SourceLocation("rules/a.yml", 3), "broken");
        var wholeFile = DetectionKit.Engine.Diagnostics.Diagnostic.Error("DK1017", new DetectionKit.Engine.Diagnostics.SourceLocation("org.settings.yml"), "the settings file does not exist");
        var github = new DetectionKit.Cli.Reporting.DiagnosticFormatter(DetectionKit.Cli.Reporting.DiagnosticStyle.GitHub);
        var text = new DetectionKit.Cli.Reporting.DiagnosticFormatter(DetectionKit.Cli.Reporting.DiagnosticStyle.Text);

        Assert.That(github.Format(atLine), Is.EqualTo("::error file=rules/a.yml,line=3,col=1,title=DK1001::DK1001: broken"));
        Assert.That(text.Format(atLine), Is.EqualTo("rules/a.yml:3:1: error DK1001: broken"));
        Assert.That(github.Format(wholeFile), Is.EqualTo("::error file=org.settings.yml,title=DK1017::DK1017: the settings file does not exist"));
        Assert.That(text.Format(wholeFile), Is.EqualTo("org.settings.yml: error DK1017: the settings file does not exist"));
    }

    // A relative path, a line and a column, the severity and the code, then the message.
    [GeneratedRegex(@"^[^/\s][^:]*:\d+:\d+: (error|warning) DK\d{4}: \S")]
    private static partial Regex Shape();
}
