using System.Text.Json.Nodes;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.Commands;

public sealed class CoverageCommandTests
{
    [Test]
    public void TheTextReportSummarisesPacksTheMatrixAndStratus()
    {
        using var workspace = CoveredWorkspace();

        var result = Shell.Run("coverage", "--rules", workspace.Rules);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.OutLines[0], Does.EndWith(": 3 rules, 2 enabled"));
        Assert.That(result.Out, Does.Contain("Stratus Red Team: 1 of 2 techniques caught (replay of the captures, none of which is a rule's own case)"));
        Assert.That(result.Out, Does.Contain("Rules that can alert at high or critical: 2 of 2 enabled"));
        Assert.That(result.Out, Does.Contain("T1562 Impair Defenses: 1 high or above, 0 below: sample.trail-stopped (high)"));
        Assert.That(result.Out, Does.Contain("T1562.008 Disable or Modify Cloud Logs: sample.trail-stopped"));
        Assert.That(result.OutLines, Has.Some.Match(@"^\s+caught\s+aws\.defense-evasion\.cloudtrail-stop\s+sample\.stop-logging \(high, 1 alert\), sample\.trail-stopped \(high, 1 alert\)$"));
        Assert.That(result.OutLines, Has.Some.Match(@"^\s+MISSED\s+aws\.discovery\.ec2-download-user-data\s+-$"));
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
        Assert.That(report["stratus"]!["label"]!.GetValue<string>(), Is.EqualTo("replay of the captures, none of which is a rule's own case"));
        var stratus = report["stratus"]!["techniques"]!.AsArray();
        Assert.That(stratus.Select(t => (t!["id"]!.GetValue<string>(), t["caught"]!.GetValue<bool>(), t["isRuleCase"]!.GetValue<bool>())),
            Is.EqualTo(new[] { ("aws.defense-evasion.cloudtrail-stop", true, false), ("aws.discovery.ec2-download-user-data", false, false) }));
        var alert = stratus[0]!["alerts"]!.AsArray()[0]!;
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
        Assert.That(html, Does.Contain("<div class=\"note\">replay of the captures, none of which is a rule&#39;s own case</div>"));
        Assert.That(html, Does.Contain("<th class=\"group\" colspan=\"5\">highest in snapshots</th>"));
        Assert.That(html.Split("class=\"tactic-head\"").Length - 1, Is.EqualTo(11));
    }

    [Test]
    public void TheShippedRulesReportEveryStratusCaptureOfTheRepository()
    {
        var captures = Directory.GetFiles(Path.Combine(RepositoryPaths.Fixtures, "stratus-red-team"), "aws.*.json").Length;

        var result = Shell.Run("coverage", "--rules", RepositoryPaths.Rules, "--format", "json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        var stratus = JsonNode.Parse(result.Out)!["stratus"]!;
        Assert.That(stratus["techniques"]!.AsArray(), Has.Count.EqualTo(captures));
        Assert.That((stratus["ruleCases"]!.GetValue<int>(), stratus["label"]!.GetValue<string>()),
            Is.EqualTo((captures, "replay of the bundled captures, which the rules also use as cases")), "every bundled capture is also some rule's case");
    }

    [Test]
    public void AStratusDirectoryCanBeNamedAndAMissingOneIsAUsageError()
    {
        using var workspace = CoveredWorkspace();
        var elsewhere = Path.Combine(workspace.Root, "captures");
        Directory.Move(Path.Combine(workspace.Root, "fixtures", "stratus-red-team"), elsewhere);

        var named = Shell.Run("coverage", "--rules", workspace.Rules, "--stratus", elsewhere);
        var defaulted = Shell.Run("coverage", "--rules", workspace.Rules);
        var missing = Shell.Run("coverage", "--rules", workspace.Rules, "--stratus", Path.Combine(workspace.Root, "nowhere"));

        Assert.That(named.Out, Does.Contain("1 of 2 techniques caught"));
        Assert.That(defaulted.Out, Does.Contain("Stratus Red Team: no captures found (pass --stratus DIR)"));
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Error, Does.Contain("does not exist"));
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
    /// The authors' sample rules plus a rule with an ATT&amp;CK id and a disabled one; two Stratus
    /// captures beside the rules, one the rules catch and one they miss.
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
