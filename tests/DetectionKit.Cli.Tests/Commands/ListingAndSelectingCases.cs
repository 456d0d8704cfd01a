using System.Text.Json;
using System.Xml.Linq;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.Commands;

/// <summary><c>test -v</c>, a rule that does not compile counted once, the time taken, <c>--minimum-tests</c> and the filters.</summary>
public sealed class ListingAndSelectingCases
{
    [Test]
    public void VerboseListsEveryCaseAndCaptureWithPassOrFail()
    {
        using var workspace = TestCommandTests.AuthorsWorkspace();
        Shell.Run("test", "--rules", workspace.Rules, "--accept");

        var quiet = Shell.Run("test", "--rules", workspace.Rules);
        var verbose = Shell.Run("test", "--rules", workspace.Rules, "-v");

        Assert.That(quiet.Out, Does.Not.Contain("PASS"));
        Assert.That(verbose.ExitCode, Is.EqualTo(0), verbose.ToString);
        Assert.That(verbose.OutLines.Where(l => l.StartsWith("PASS ", StringComparison.Ordinal)).Select(l => l[..l.IndexOf(" (", StringComparison.Ordinal)]), Is.EqualTo(new[]
        {
            "PASS sample.insight / start",
            "PASS sample.insight / end",
            "PASS sample.stop-logging / stratus capture",
            "PASS sample.stop-logging / another call",
            "PASS capture stop.json",
        }));
        Assert.That(verbose.OutLines[^1], Is.EqualTo("5 passed, 0 failed"));
    }

    [Test]
    public void TheTimeTakenIsOnTheLineBeforeTheTotals()
    {
        using var workspace = TestCommandTests.AuthorsWorkspace();

        var result = Shell.Run("test", "--rules", workspace.Rules, "--accept");

        Assert.That(result.OutLines[^2], Does.Match(@"^tested 2 rules \(4 cases\) and 1 capture in \d+(\.\d)? s$"));
        Assert.That(result.OutLines[^1], Is.EqualTo("5 passed, 0 failed"));
    }

    [Test]
    public void ARuleThatDoesNotCompileIsOneFailureInEveryFormat()
    {
        using var workspace = new RulesWorkspace();
        workspace.AddRule("aws/broken", SampleRules.BrokenYaml, SampleRules.BrokenScript.Replace("Names.Contains(e.EventName)", "Names.Contains(e.EventName) && Missing", StringComparison.Ordinal));

        var text = Shell.Run("test", "--rules", workspace.Rules, "-v");
        var json = Shell.Run("test", "--rules", workspace.Rules, "--format", "json");
        var junit = Shell.Run("test", "--rules", workspace.Rules, "--format", "junit");

        Assert.That(text.ExitCode, Is.EqualTo(1));
        Assert.That(text.Out, Does.Contain("FAIL sample.broken: the rule did not compile; its 2 cases were not run (").And.Contain("broken.yml:1:1)"));
        Assert.That(text.Out, Does.Contain("broken.csx:3:32: error DK2001: CS1002: ; expected").And.Contain("error DK2001: CS0103: The name 'Missing' does not exist"));
        Assert.That(text.Out, Does.Not.Contain("FAIL sample.broken / "), "no case ran, so none is listed as failing");
        Assert.That(text.OutLines[^2], Does.StartWith("tested 1 rule (2 cases, 2 not run) in "));
        Assert.That(text.OutLines[^1], Is.EqualTo("0 passed, 1 failed"));
        using var document = JsonDocument.Parse(json.Out);
        var rule = document.RootElement.GetProperty("rules")[0];
        Assert.That((document.RootElement.GetProperty("failed").GetInt32(), rule.GetProperty("compiled").GetBoolean(), rule.GetProperty("casesNotRun").GetInt32(), rule.GetProperty("failures").GetArrayLength()), Is.EqualTo((1, false, 2, 2)));
        Assert.That(document.RootElement.GetProperty("seconds").GetDouble(), Is.GreaterThan(0));
        var suites = XDocument.Parse(junit.Out).Root!;
        Assert.That((suites.Attribute("tests")!.Value, suites.Attribute("failures")!.Value), Is.EqualTo(("1", "1")));
        Assert.That(suites.Attribute("time"), Is.Not.Null);
        var testCase = suites.Element("testsuite")!.Elements("testcase").Single();
        Assert.That(testCase.Attribute("name")!.Value, Is.EqualTo("compiles"));
        Assert.That(testCase.Element("failure")!.Attribute("message")!.Value, Does.StartWith("the rule did not compile; 2 cases not run: CS1002: ; expected"));
    }

    [Test]
    public void MinimumTestsFailsTheRulesShortOfCasesNamingThem()
    {
        using var workspace = TestCommandTests.AuthorsWorkspace();
        Shell.Run("test", "--rules", workspace.Rules, "--accept");

        var two = Shell.Run("test", "--rules", workspace.Rules, "--minimum-tests", "2");
        var three = Shell.Run("test", "--rules", workspace.Rules, "--minimum-tests", "3");
        var negative = Shell.Run("test", "--rules", workspace.Rules, "--minimum-tests", "-1");

        Assert.That(two.ExitCode, Is.EqualTo(0), two.ToString);
        Assert.That(three.ExitCode, Is.EqualTo(1));
        Assert.That(three.Out, Does.Contain("insight.yml:4:1: error DK3008: rule 'sample.insight' has 2 cases (1 positive, 1 negative); --minimum-tests 3 asks for at least 3 cases, one positive and one negative among them: add 1 more case"));
        Assert.That(three.OutLines[^1], Is.EqualTo("5 passed, 2 failed"));
        Assert.That(negative.ExitCode, Is.EqualTo(2));
        Assert.That(negative.Error, Does.Contain("--minimum-tests must be 0 or more"));
    }

    [Test]
    public void FiltersByPackTagSeverityAndTechniqueOnTheShippedRules()
    {
        var result = Shell.Run("test", "--rules", RepositoryPaths.Rules, "--pack", "aws/iam", "--tag", "persistence", "--severity", "high+", "--technique", "T1098", "-v");

        var tested = result.OutLines.Where(l => l.StartsWith("PASS aws.", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).Distinct().ToList();
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(tested, Is.Not.Empty);
        Assert.That(tested, Is.All.StartWith("aws.iam."));
        var rules = Engine.Loading.RuleLoader.Load(RepositoryPaths.Rules).Rules.Where(r => tested.Contains(r.Id)).ToList();
        Assert.That(rules, Has.All.Matches<Engine.Rules.RuleDefinition>(r => r.Tags.Contains("persistence") && r.Severity >= Scripting.AlertSeverity.High && r.Mitre.Any(m => m.StartsWith("T1098", StringComparison.Ordinal))));
    }

    [Test]
    public void AFilterThatSelectsNothingIsAUsageErrorNamingIt()
    {
        var tag = Shell.Run("test", "--rules", RepositoryPaths.Rules, "--tag", "persistance");
        var severity = Shell.Run("test", "--rules", RepositoryPaths.Rules, "--severity", "urgent");

        Assert.That(tag.ExitCode, Is.EqualTo(2));
        Assert.That(tag.Error, Does.Contain("error DK3009: no rule matches --tag 'persistance' (did you mean 'persistence'?)"));
        Assert.That(tag.Out, Is.Empty, "nothing was tested");
        Assert.That(severity.ExitCode, Is.EqualTo(2));
        Assert.That(severity.Error, Does.Contain("error DK3010: --severity 'urgent' is not a severity"));
    }
}
