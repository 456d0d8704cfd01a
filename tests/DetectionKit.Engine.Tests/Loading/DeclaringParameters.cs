using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Loading;

public sealed class DeclaringParameters
{
    private const string EveryType = """
        parameters:
          knownAccounts: { type: accountIds, description: Accounts trusted on purpose., default: ["111122223333"] }
          ownEgress: { type: cidrs, description: Our NAT addresses., default: ["198.51.100.0/24", "2001:db8::1"] }
          watched: { type: strings, description: Event names., default: [] }
          team: { type: string, description: Who owns it., default: platform }
          many: { type: number, description: How many., default: 20 }
          strict: { type: bool, description: A switch., default: false }

        """;

    [Test]
    public void EachTypeIsReadInTheOrderWrittenWithItsDefault()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", extra: EveryType));

        var loaded = rules.Load();

        Assert.That(loaded.Diagnostics, Is.Empty);
        var parameters = loaded.Rules.Single().Parameters;
        Assert.That(parameters.Select(p => (p.Name, p.Type)), Is.EqualTo(new[]
        {
            ("knownAccounts", ParameterType.AccountIds), ("ownEgress", ParameterType.Cidrs), ("watched", ParameterType.Strings),
            ("team", ParameterType.String), ("many", ParameterType.Number), ("strict", ParameterType.Bool),
        }));
        Assert.That(parameters[0].Default, Is.InstanceOf<IReadOnlySet<string>>().And.Contains("111122223333"));
        Assert.That(((IReadOnlyList<Cidr>)parameters[1].Default).Select(c => c.ToString()), Is.EqualTo(new[] { "198.51.100.0/24", "2001:db8::1/128" }));
        Assert.That(parameters[2].Default, Is.Empty);
        Assert.That((parameters[3].Default, parameters[4].Default, parameters[5].Default), Is.EqualTo(("platform", 20.0, false)));
        Assert.That(parameters[0].Location, Is.EqualTo(new SourceLocation(rules.PathOf("rule.yml"), 7, 3)));
    }

    [Test]
    public void AnInvalidRangeInADefaultIsReportedAtItsItem()
    {
        using var rules = new TempRulesDirectory();
        var yaml = RuleYaml.Rule("rule", extra: "parameters:\n  ownEgress:\n    type: cidrs\n    description: Our NAT addresses.\n    default:\n      - 10.0.0.0/8\n      - 10.0.0.0/33\n");
        rules.AddRule("rule", Scripts.MatchesSuccess, yaml);

        var loaded = rules.Load();

        var problem = loaded.Diagnostics.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.ParameterDeclarationInvalid));
        Assert.That((problem.Location.Line, problem.Location.Column), Is.EqualTo((12, 9)));
        Assert.That(problem.Message, Is.EqualTo("parameter 'ownEgress': the default '10.0.0.0/33' is not an IP range or address (such as 10.0.0.0/8, 2001:db8::/32 or 198.51.100.7)"));
        Assert.That(loaded.Rules, Is.Empty, "a rule whose declarations are wrong does not load");
    }

    [Test]
    public void ADefaultOfAnotherTypeBreaksTheSchemaAtItsLine()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", extra: "parameters:\n  many: { type: number, description: How many., default: lots }\n"));

        var problem = rules.Load().Diagnostics.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.SchemaViolation));
        Assert.That(problem.Location.Line, Is.EqualTo(7));
        Assert.That(problem.Message, Does.Contain("parameters.many.default"));
    }

    [Test]
    public void AMisspelledKeyOfADeclarationSuggestsTheKnownOne()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", extra: "parameters:\n  many:\n    type: number\n    description: How many.\n    defualt: 20\n"));

        var problems = rules.Load().Diagnostics;

        var unknown = problems.Single(d => d.Code == DiagnosticCodes.UnknownKey);
        Assert.That(unknown.Location.Line, Is.EqualTo(10));
        Assert.That(unknown.Message, Is.EqualTo("unknown key 'defualt' in 'parameters.many' (did you mean 'default'?)"));
        Assert.That(problems.Where(d => d.Code != DiagnosticCodes.UnknownKey), Is.Empty, "the missing 'default' follows from the typo and is not reported again");
    }

    [Test]
    public void ANameThatIsNotAnIdentifierIsRefusedWithThePattern()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", extra: "parameters:\n  own-egress: { type: cidrs, description: Our NAT addresses., default: [] }\n"));

        var problem = rules.Load().Diagnostics.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.SchemaViolation));
        Assert.That(problem.Location.Line, Is.EqualTo(7));
        Assert.That(problem.Message, Is.EqualTo("'own-egress' is not a valid name in 'parameters': names match ^[A-Za-z][A-Za-z0-9_]*$"));
    }

    [Test]
    public void ACaseSetsADeclaredParameterOverItsDefault()
    {
        using var rules = new TempRulesDirectory();
        var tests = RuleYaml.DefaultCases + "  - name: known\n    expect: false\n    parameters: { knownAccounts: [\"444455556666\"] }\n    event: " + Some.Record().ToJsonString() + "\n";
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", tests: tests, extra: EveryType));

        var loaded = rules.Load();

        Assert.That(loaded.Diagnostics, Is.Empty);
        var known = loaded.Rules.Single().Tests.Single(t => t.Name == "known");
        Assert.That(known.Parameters.Keys, Is.EqualTo(new[] { "knownAccounts" }));
        Assert.That(known.Parameters["knownAccounts"], Is.EquivalentTo(new[] { "444455556666" }));
    }

    [Test]
    public void ACaseSettingAnUndeclaredParameterFailsTheCaseNotTheRule()
    {
        using var rules = new TempRulesDirectory();
        var tests = RuleYaml.DefaultCases + "  - name: known\n    expect: false\n    parameters: { knownAcounts: [] }\n    event: " + Some.Record().ToJsonString() + "\n";
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", tests: tests, extra: EveryType));

        var loaded = rules.Load();

        var problem = loaded.Diagnostics.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.CaseParameterInvalid));
        Assert.That((problem.Location.Line, problem.Location.Column), Is.EqualTo((22, 19)));
        Assert.That(problem.Message, Is.EqualTo("the case sets parameter 'knownAcounts', which the rule does not declare under 'parameters:' (did you mean 'knownAccounts'?)"));
        Assert.That(loaded.Rules.Single().Tests.Select(t => t.Name), Is.EqualTo(new[] { "stop logging", "denied stop logging" }));
    }

    [Test]
    public void AnUnquotedAccountIdIsReportedWithTheFix()
    {
        using var rules = new TempRulesDirectory();
        var tests = RuleYaml.DefaultCases + "  - name: known\n    expect: false\n    parameters: { knownAccounts: [444455556666] }\n    event: " + Some.Record().ToJsonString() + "\n";
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", tests: tests, extra: EveryType));

        var problem = rules.Load().Diagnostics.Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.CaseParameterInvalid));
        Assert.That(problem.Message, Does.Contain("write account ids in quotes (\"444455556666\")"));
    }
}
