using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Settings;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Scripting;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Settings;

/// <summary>A settings file is checked against the loaded rules, every problem at its line: nothing is found out per event.</summary>
public sealed class ReadingSettingsFiles
{
    [Test]
    public void ATopLevelValueAppliesToEveryRuleThatDeclaresTheName()
    {
        using var rules = OrganisationRules.Create();

        var (settings, problems) = Load(rules, "parameters:\n  ownEgress: [\"198.51.100.0/24\"]\n");

        Assert.That(problems, Is.Empty);
        Assert.That(Ranges(settings!.For("trust")), Is.EqualTo(new[] { "198.51.100.0/24" }));
        Assert.That(Ranges(settings.For("egress")), Is.EqualTo(new[] { "198.51.100.0/24" }));
    }

    [Test]
    public void ARulesOwnValueIsOverTheTopLevelOne()
    {
        using var rules = OrganisationRules.Create();

        var (settings, problems) = Load(rules, """
            parameters:
              ownEgress: ["198.51.100.0/24"]
            rules:
              egress:
                parameters:
                  ownEgress: ["203.0.113.0/24"]
            """);

        Assert.That(problems, Is.Empty);
        Assert.That(Ranges(settings!.For("trust")), Is.EqualTo(new[] { "198.51.100.0/24" }));
        Assert.That(Ranges(settings.For("egress")), Is.EqualTo(new[] { "203.0.113.0/24" }));
    }

    [Test]
    public void AParameterNoLoadedRuleDeclaresIsReportedWithTheClosestName()
    {
        using var rules = OrganisationRules.Create();

        var problem = Load(rules, "parameters:\n  ownEgres: []\n").Problems.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.SettingsUnknownParameter));
        Assert.That((problem.Location.Line, problem.Location.Column), Is.EqualTo((2, 3)));
        Assert.That(problem.Message, Is.EqualTo("parameter 'ownEgres' is declared by no loaded rule (did you mean 'ownEgress'?)"));
    }

    [Test]
    public void AParameterTheRuleDoesNotDeclareIsReportedUnderTheRule()
    {
        using var rules = OrganisationRules.Create();

        var problem = Load(rules, "rules:\n  egress:\n    parameters:\n      knownAccounts: []\n").Problems.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.SettingsUnknownParameter));
        Assert.That(problem.Location.Line, Is.EqualTo(4));
        Assert.That(problem.Message, Is.EqualTo("rule egress declares no parameter 'knownAccounts' (it declares ownEgress, many)"));
    }

    [Test]
    public void AnInvalidRangeIsReportedAtItsItem()
    {
        using var rules = OrganisationRules.Create();

        var problem = Load(rules, "parameters:\n  ownEgress:\n    - 198.51.100.0/24\n    - 198.51.100.0/40\n").Problems.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.SettingsValueInvalid));
        Assert.That((problem.Location.Line, problem.Location.Column), Is.EqualTo((4, 7)));
        Assert.That(problem.Message, Is.EqualTo("parameter 'ownEgress' (cidrs, as egress, trust declare it): the value '198.51.100.0/40' is not an IP range or address (such as 10.0.0.0/8, 2001:db8::/32 or 198.51.100.7)"));
    }

    [Test]
    public void AValueOfTheWrongTypeSaysWhatTheTypeTakes()
    {
        using var rules = OrganisationRules.Create();

        var problem = Load(rules, "rules:\n  egress:\n    parameters:\n      many: lots\n").Problems.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.SettingsValueInvalid));
        Assert.That(problem.Message, Is.EqualTo("parameter 'many' (number) of rule egress: the value is the string \"lots\", but a number parameter is a number"));
    }

    [Test]
    public void AnAccountIdWithDashesIsReportedWithItsDigits()
    {
        using var rules = OrganisationRules.Create();

        var problem = Load(rules, "parameters:\n  knownAccounts: [\"4444-5555-6666\"]\n").Problems.Single();

        Assert.That(problem.Message, Does.EndWith("the value '4444-5555-6666' is not a 12-digit account id (write it as 444455556666)"));
    }

    [Test]
    public void AnUnknownRuleIdIsReportedWithTheClosestId()
    {
        using var rules = OrganisationRules.Create();

        var problem = Load(rules, "rules:\n  trusts:\n    severity: low\n").Problems.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.SettingsUnknownRule));
        Assert.That((problem.Location.Line, problem.Location.Column), Is.EqualTo((2, 3)));
        Assert.That(problem.Message, Is.EqualTo("no loaded rule has the id 'trusts' (did you mean 'trust'?)"));
    }

    [Test]
    public void AnUnknownKeyOfARuleEntrySuggestsTheKnownOne()
    {
        using var rules = OrganisationRules.Create();

        var problem = Load(rules, "rules:\n  trust:\n    serverity: low\n").Problems.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.UnknownKey));
        Assert.That(problem.Location.Line, Is.EqualTo(3));
        Assert.That(problem.Message, Is.EqualTo("unknown key 'serverity' in 'rules.trust' (did you mean 'severity'?)"));
    }

    [Test]
    public void ASuppressionThatNamesNothingToMatchIsRefused()
    {
        using var rules = OrganisationRules.Create();

        var problem = Load(rules, "rules:\n  trust:\n    suppressions:\n      - reason: noisy\n").Problems.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.SuppressionInvalid));
        Assert.That(problem.Location.Line, Is.EqualTo(4));
        Assert.That(problem.Message, Does.Contain("would suppress every match").And.Contain("enabled: false"));
    }

    [Test]
    public void AWhenThatIsMoreThanOneExpressionIsRefused()
    {
        using var rules = OrganisationRules.Create();

        var problem = Load(rules, "rules:\n  trust:\n    suppressions:\n      - reason: sneaky\n        when: 'true; } static int Count; bool X() { return true'\n").Problems.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.SuppressionInvalid));
        Assert.That((problem.Location.Line, problem.Location.Column), Is.EqualTo((5, 15)));
        Assert.That(problem.Message, Does.EndWith("the text goes on after the expression 'true'"));
    }

    [Test]
    public void AWhenWithALineDirectiveIsRefused()
    {
        using var rules = OrganisationRules.Create();

        var problem = Load(rules, "rules:\n  trust:\n    suppressions:\n      - reason: sneaky\n        when: |\n          e.EventName != null &&\n          #line 1 \"elsewhere\"\n          System.IO.File.Exists(\"/etc/hostname\")\n").Problems.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.SuppressionInvalid));
        Assert.That(problem.Message, Does.EndWith("preprocessor directives (#line, #if, ...) are not allowed in a 'when' expression"));
    }

    [Test]
    public void TheBudgetIsReadOverTheDefaults()
    {
        using var rules = OrganisationRules.Create();

        var (settings, problems) = Load(rules, "budget:\n  steps: 5000\n  allocationMiB: 16\n  wallClockMs: 250\n");

        Assert.That(problems, Is.Empty);
        Assert.That(settings!.Budget, Is.EqualTo(EvaluationBudget.Default with
        {
            MaxSteps = 5000,
            MaxAllocatedBytes = 16L * 1024 * 1024,
            MaxWallClock = TimeSpan.FromMilliseconds(250),
        }));
    }

    [Test]
    public void AMissingFileIsReported()
    {
        using var rules = OrganisationRules.Create();
        var problems = new List<Diagnostic>();

        var settings = SettingsFile.Load(rules.PathOf("absent.settings.yml"), rules.Load().Rules, problems);

        Assert.That(settings, Is.Null);
        Assert.That(problems.Single().Code, Is.EqualTo(DiagnosticCodes.SettingsInvalid));
    }

    [Test]
    public void ASettingsFileBesideTheRulesIsNotReadAsARule()
    {
        using var rules = OrganisationRules.Create();
        rules.Write("org.settings.yml", "rules:\n  trust:\n    severity: low\n");

        var loaded = rules.Load();

        Assert.That(loaded.Diagnostics, Is.Empty);
        Assert.That(loaded.RuleFiles, Has.Count.EqualTo(2));
    }

    [Test]
    public void TheSchemasProblemsAndTheRulesProblemsAreReportedInOnePass()
    {
        using var rules = OrganisationRules.Create();

        var (settings, problems) = Load(rules, """
            parameters:
              ownEgres: []
            rules:
              egress:
                severity: extreme
                parameters:
                  ownEgress: "not a list"
              trusst:
                enabled: false
            budget:
              stepz: 10
            """);

        Assert.That(settings, Is.Null, "a file that breaks its schema is not applied");
        Assert.That(problems.Select(p => $"{p.Location.Line}:{p.Location.Column} {p.Code}").Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "11:3 DK1003", // stepz
            "2:3 DK1019",  // ownEgres: no rule declares it
            "5:5 DK1002",  // extreme is no severity
            "7:18 DK1020", // ownEgress is a list of ranges
            "8:3 DK1018",  // trusst: no rule has the id
        }));
    }

    private static (SettingsFile? Settings, IReadOnlyList<Diagnostic> Problems) Load(TempRulesDirectory rules, string text)
    {
        var path = rules.Write("org.settings.yml", text);
        var problems = new List<Diagnostic>();
        var settings = SettingsFile.Load(path, rules.Load().Rules, problems);
        Assert.That(problems.Select(p => p.Location.Path), Is.All.EqualTo(path));
        return (settings, problems);
    }

    private static IEnumerable<string> Ranges(RuleSettings settings) =>
        ((IReadOnlyList<Cidr>)settings.Parameters["ownEgress"]).Select(c => c.ToString());
}
