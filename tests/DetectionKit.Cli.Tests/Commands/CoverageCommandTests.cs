using System.Text.Json.Nodes;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.Commands;

public sealed class CoverageCommandTests
{
    [Test]
    public void TheTextReportSummarisesPacksTheMatrixAndTheCaptures()
    {
        using var workspace = CoveredWorkspace();

        var result = Shell.Run("coverage", "--rules", workspace.Rules);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.OutLines[0], Does.EndWith(": 3 rules, 2 enabled"));
        Assert.That(result.Out, Does.Contain("Captures: 2 of 3 caught (replay of the bundled captures, 1 of which the rules also use as cases)"));
        Assert.That(result.Out, Does.Contain("Rules that can alert at high or critical: 2 of 2 enabled"));
        Assert.That(result.Out, Does.Contain("T1562 Impair Defenses: 1 high or above, 0 below: sample.trail-stopped (high)"));
        Assert.That(result.Out, Does.Contain("T1562.008 Disable or Modify Cloud Logs: sample.trail-stopped"));
        Assert.That(result.OutLines, Has.Some.Match(@"^\s+caught\s+stratus-red-team/aws\.defense-evasion\.cloudtrail-stop\.json\s+sample\.stop-logging \(high, 1 alert\), sample\.trail-stopped \(high, 1 alert\)$"));
        Assert.That(result.OutLines, Has.Some.Match(@"^\s+MISSED\s+stratus-red-team/aws\.discovery\.ec2-download-user-data\.json\s+-$"));
        Assert.That(result.Out, Does.Contain("Rules with the fewest cases"));
    }

    [Test]
    public void TheTextReportShowsTheSeveritiesTheSnapshotsRecordBesideTheDeclaredOnes()
    {
        using var workspace = CoveredWorkspace();
        Shell.Run("test", "--rules", workspace.Rules, "--accept");
        var snapshot = Path.Combine(workspace.Rules, "aws", "stop-logging.verified.json");
        File.WriteAllText(snapshot, File.ReadAllText(snapshot).Replace("\"severity\": \"high\"", "\"severity\": \"critical\"", StringComparison.Ordinal));

        var result = Shell.Run("coverage", "--rules", workspace.Rules);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.OutLines, Has.Some.Match(@"^Rules by pack, declared severity\s+rules\s+critical\s+high"));
        Assert.That(result.OutLines, Has.Some.Match(@"^Rules by pack, highest severity in snapshots\s+rules\s+critical\s+high"));
        Assert.That(result.OutLines, Has.Some.Match(@"^\s+enabled, all packs\s+2\s+1\s+1\s+0\s+0\s+0$"), "one critical, one high by the snapshots");
        Assert.That(result.OutLines, Has.Some.Match(@"^\s+sample\.stop-logging\s+declared high, snapshots up to critical$"));
    }

    [Test]
    public void TheJsonReportCarriesTheWholeReport()
    {
        using var workspace = CoveredWorkspace();

        var result = Shell.Run("coverage", "--rules", workspace.Rules, "--format", "json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        var report = JsonNode.Parse(result.Out)!;
        Assert.That(report["summary"]!["enabledRules"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(report["summary"]!["highOrAboveRules"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(report["bySeverity"]!["high"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(report["byHighestSeverity"]!["high"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(report["ruleSeverities"]!.AsArray().Select(r => (r!["rule"]!.GetValue<string>(), r["declared"]!.GetValue<string>(), r["inSnapshot"]?.GetValue<string>(), r["highest"]!.GetValue<string>())),
            Has.Member(("sample.insight-off", "medium", (string?)null, "medium")));
        Assert.That(report["packs"]!.AsArray().Select(p => p!["pack"]!.GetValue<string>()), Is.EqualTo(new[] { "aws" }));
        Assert.That(report["tactics"]!.AsArray(), Has.Count.EqualTo(11));
        var impair = report["tactics"]!.AsArray().Single(t => t!["shortName"]!.GetValue<string>() == "defense-evasion")!["techniques"]!.AsArray()
            .Single(t => t!["id"]!.GetValue<string>() == "T1562")!;
        Assert.That(impair["rules"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { "sample.trail-stopped" }));
        Assert.That((impair["highOrAbove"]!.GetValue<int>(), impair["belowHigh"]!.GetValue<int>()), Is.EqualTo((1, 0)));
        Assert.That(report["captures"]!["label"]!.GetValue<string>(), Is.EqualTo("replay of the bundled captures, 1 of which the rules also use as cases"));
        var captures = report["captures"]!["captures"]!.AsArray();
        Assert.That(captures.Select(c => (c!["name"]!.GetValue<string>(), c["tactic"]?.GetValue<string>(), c["caught"]!.GetValue<bool>(), c["isRuleCase"]!.GetValue<bool>())), Is.EqualTo(new[]
        {
            ("stop.json", null, true, true),
            ("stratus-red-team/aws.defense-evasion.cloudtrail-stop.json", "defense-evasion", true, false),
            ("stratus-red-team/aws.discovery.ec2-download-user-data.json", (string?)"discovery", false, false),
        }));
        var alert = captures[0]!["alerts"]!.AsArray()[0]!;
        Assert.That((alert["rule"]!.GetValue<string>(), alert["severity"]!.GetValue<string>(), alert["alerts"]!.GetValue<int>()), Is.EqualTo(("sample.stop-logging", "high", 1)));
        Assert.That(report["rulesWithoutMitre"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { "sample.stop-logging" }));
    }

    [Test]
    public void TheHtmlReportIsOneSelfContainedPageWithTheMatrix()
    {
        using var workspace = CoveredWorkspace();
        var file = Path.Combine(workspace.Root, "coverage.html");

        var result = Shell.Run("coverage", "--rules", workspace.Rules, "--format", "html", "--out", file);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.Out, Is.Empty);
        Assert.That(result.Error, Does.Contain("wrote html coverage report to " + file));
        var html = File.ReadAllText(file);
        Assert.That(html, Does.StartWith("<!DOCTYPE html>").And.EndWith("</html>\n"));
        Assert.That(html, Does.Contain("<style>"));
        foreach (var fetch in new[] { "<script", "<link", "src=", "url(", "http://", "https://", "@import" })
        {
            Assert.That(html, Does.Not.Contain(fetch), "the page must not fetch anything");
        }

        Assert.That(html, Does.Contain("<div class=\"cell c1\" title=\"T1562 Impair Defenses&#10;1 rule, 1 high or above, 0 below:&#10;• sample.trail-stopped (high)"));
        Assert.That(html, Does.Contain("<span class=\"badge hi\">1 high+</span>"));
        Assert.That(html, Does.Contain("<div class=\"cell c0\" title=\"T1648 Serverless Execution&#10;no rule\">"));
        Assert.That(html, Does.Contain("<span class=\"pill missed\">missed</span>"));
        Assert.That(html, Does.Contain("<span class=\"sev sev-high\">high</span> <code>sample.trail-stopped</code>"));
        Assert.That(html, Does.Contain("<div class=\"note\">replay of the bundled captures, 1 of which the rules also use as cases</div>"));
        Assert.That(html, Does.Contain("<td><code>stop.json</code></td><td>—</td>"), "a capture not named after a tactic has none");
        Assert.That(html, Does.Contain("follow Stratus Red Team (DataDog/stratus-red-team, Apache-2.0)"));
        Assert.That(html, Does.Contain("<th class=\"group\" colspan=\"5\">highest in snapshots</th>"));
        Assert.That(html.Split("class=\"tactic-head\"").Length - 1, Is.EqualTo(11));
    }

    [Test]
    public void TheShippedRulesReportEveryCaptureOfTheRepository()
    {
        string[] recordFiles = [".json", ".jsonl", ".gz"];
        var captures = Directory.EnumerateFiles(RepositoryPaths.Fixtures, "*", SearchOption.AllDirectories).Count(f => recordFiles.Any(e => f.EndsWith(e, StringComparison.Ordinal)));

        var result = Shell.Run("coverage", "--rules", RepositoryPaths.Rules, "--format", "json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        var report = JsonNode.Parse(result.Out)!["captures"]!;
        Assert.That(report["captures"]!.AsArray(), Has.Count.EqualTo(captures));
        Assert.That((report["ruleCases"]!.GetValue<int>(), report["label"]!.GetValue<string>()),
            Is.EqualTo((captures, "replay of the bundled captures, which the rules also use as cases")), "every bundled capture is also some rule's case");
    }

    [Test]
    public void ACaptureDirectoryCanBeNamedAlsoByTheOldStratusOptionAndAMissingOneIsAUsageError()
    {
        using var workspace = CoveredWorkspace();
        var elsewhere = Path.Combine(workspace.Root, "captures");
        Directory.Move(Path.Combine(workspace.Root, "fixtures", "stratus-red-team"), elsewhere);

        var named = Shell.Run("coverage", "--rules", workspace.Rules, "--captures", elsewhere);
        var old = Shell.Run("coverage", "--rules", workspace.Rules, "--stratus", elsewhere);
        var missing = Shell.Run("coverage", "--rules", workspace.Rules, "--captures", Path.Combine(workspace.Root, "nowhere"));

        Assert.That(named.Out, Does.Contain("Captures: 1 of 2 caught (replay of the captures, none of which is a rule's own case)"));
        Assert.That(named.OutLines, Has.Some.Match(@"^\s+caught\s+aws\.defense-evasion\.cloudtrail-stop\.json\s+sample\.stop-logging"));
        Assert.That(old.Out, Is.EqualTo(named.Out));
        Assert.That(Shell.Run("coverage", "--help").Out, Does.Not.Contain("--stratus"), "the old name is not advertised");
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Error, Does.Contain("capture directory '" + Path.Combine(workspace.Root, "nowhere") + "' does not exist"));
    }

    [Test]
    public void WithoutCapturesBesideTheRulesTheSectionSaysHowToNameThem()
    {
        using var workspace = CoveredWorkspace();
        Directory.Move(Path.Combine(workspace.Root, "fixtures"), Path.Combine(workspace.Root, "elsewhere"));

        var result = Shell.Run("coverage", "--rules", workspace.Rules);

        Assert.That(result.Out, Does.Contain("Captures: none found (pass --captures DIR)"));
    }

    [Test]
    public void ARuleThatDoesNotCompileFailsTheCommandButTheReportIsStillWritten()
    {
        using var workspace = CoveredWorkspace();
        workspace.AddRule("aws/broken", SampleRules.BrokenYaml, SampleRules.BrokenScript);

        var result = Shell.Run("coverage", "--rules", workspace.Rules);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("error DK2001"));
        Assert.That(result.OutLines[0], Does.EndWith(": 3 rules, 2 enabled"));
    }

    /// <summary>
    /// The authors' sample rules plus a rule with an ATT&amp;CK id and a disabled one; in the captures
    /// beside the rules, the rules' own case file and two Stratus Red Team captures, one the rules catch and one they miss.
    /// </summary>
    private static RulesWorkspace CoveredWorkspace()
    {
        var workspace = TestCommandTests.AuthorsWorkspace();
        File.Delete(Path.Combine(workspace.Rules, "aws", "insight.yml"));
        workspace.AddRule("aws/trail-stopped", SampleRules.StopLoggingYaml
            .Replace("id: sample.stop-logging", "id: sample.trail-stopped\nmitre: [T1562.008]", StringComparison.Ordinal)
            .Replace("../fixtures/", "../../fixtures/", StringComparison.Ordinal), SampleRules.StopLoggingScript);
        workspace.AddRule("aws/insight-off", SampleRules.InsightYaml.Replace("id: sample.insight", "id: sample.insight-off\nenabled: false\nmitre: [T1496]", StringComparison.Ordinal), SampleRules.InsightScript);
        foreach (var technique in new[] { "defense-evasion.cloudtrail-stop", "discovery.ec2-download-user-data" })
        {
            var name = $"aws.{technique}.json";
            workspace.AddFile(Path.Combine("fixtures", "stratus-red-team", name), File.ReadAllText(Path.Combine(RepositoryPaths.Fixtures, "stratus-red-team", name)));
        }

        return workspace;
    }
}
