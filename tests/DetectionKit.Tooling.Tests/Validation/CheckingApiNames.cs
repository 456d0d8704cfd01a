using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Catalog;
using DetectionKit.Tooling.Validation;

namespace DetectionKit.Tooling.Tests.Validation;

public sealed class CheckingApiNames
{
    [Test]
    public void AMisspelledEventNameIsReportedAtItsValueWithTheNameItMeant()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", match: "eventSource: cloudtrail.amazonaws.com\n  eventName: StopLoging"));

        var problem = Check(rules).Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.UnknownEventName));
        Assert.That(problem.Location, Is.EqualTo(new SourceLocation(rules.PathOf("rule.yml"), 6, 14)));
        Assert.That(problem.Message, Is.EqualTo("eventName 'StopLoging' is not an operation of cloudtrail.amazonaws.com (did you mean 'StopLogging'?)"));
        Assert.That(problem.RuleId, Is.EqualTo("rule"));
    }

    [Test]
    public void EachBadItemOfAListIsReportedAtItsOwnColumn()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", match: "eventSource: iam.amazonaws.com\n  eventName: [CreateUser, AtachUserPolicy, DeleteUser, ConsoleLogin]"));

        var problems = Check(rules);

        Assert.That(problems.Select(p => (p.Location.Column, p.Message)), Is.EqualTo(new[]
        {
            (27, "eventName 'AtachUserPolicy' is not an operation of iam.amazonaws.com (did you mean 'AttachUserPolicy'?)"),
            (56, "eventName 'ConsoleLogin' is not an operation of iam.amazonaws.com (it is an operation of signin.amazonaws.com)"),
        }));
    }

    [Test]
    public void AnUnknownEventSourceIsReportedWithTheSourceItMeant()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", match: "eventSource: [cloudtrial.amazonaws.com]\n  eventName: StopLoging"));

        var problem = Check(rules).Single();

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.UnknownEventSource));
        Assert.That(problem.Location, Is.EqualTo(new SourceLocation(rules.PathOf("rule.yml"), 5, 17)));
        Assert.That(problem.Message, Does.Contain("'cloudtrial.amazonaws.com'").And.Contain("did you mean 'cloudtrail.amazonaws.com'?"));
    }

    [Test]
    public void ANameOfAnyListedSourcePasses()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", match: "eventSource: [signin.amazonaws.com, iam.amazonaws.com]\n  eventName: [ConsoleLogin, CreateUser]"));

        Assert.That(Check(rules), Is.Empty);
    }

    [Test]
    public void WithoutAnEventSourceANameOfAnyServicePasses()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", match: "eventName: [StopLogging, ConsoleLogin, StopLoging]"));

        var problem = Check(rules).Single();

        Assert.That(problem.Message, Is.EqualTo("eventName 'StopLoging' is not an operation of any AWS service in the API catalog (did you mean 'StopLogging'?)"));
    }

    [Test]
    public void ANameFromAnotherServiceIsSuggestedWithItsSource()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", match: "eventSource: lambda.amazonaws.com\n  eventName: StopLoging"));

        Assert.That(Check(rules).Single().Message, Does.EndWith("(did you mean 'StopLogging' of cloudtrail.amazonaws.com?)"));
    }

    [Test]
    public void ARuleWithoutMatchOrWithASourceOnlyIsNotChecked()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("any", Scripts.MatchesSuccess, RuleYaml.Rule("any", match: null));
        rules.AddRule("source", Scripts.MatchesSuccess, RuleYaml.Rule("source", match: "eventSource: kms.amazonaws.com"));

        Assert.That(Check(rules), Is.Empty);
    }

    [Test]
    public void NamesAreNotCheckedAgainstSourcesThatAreThemselvesUnknown()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", match: "eventSource: nothing.example.com\n  eventName: Whatever"));

        Assert.That(Check(rules).Select(p => p.Code), Is.EqualTo(new[] { DiagnosticCodes.UnknownEventSource }));
    }

    [Test]
    public void AnotherCatalogCanBeGiven()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess, RuleYaml.Rule("rule", match: "eventSource: cloudtrail.amazonaws.com\n  eventName: StopLogging"));
        var catalog = new ApiCatalog([("cloudtrail.amazonaws.com", "StartLogging")]);

        var problem = RuleValidation.Validate(rules.Root, [new ApiOperationValidator(catalog)]).Diagnostics.Single();

        Assert.That(problem.Message, Does.Contain("did you mean 'StartLogging'?"));
    }

    [Test]
    public void ValidateChecksApiNamesByDefault()
    {
        Assert.That(RuleValidation.DefaultValidators.OfType<ApiOperationValidator>(), Is.Not.Empty);
    }

    private static List<Diagnostic> Check(TempRulesDirectory rules) =>
        RuleValidation.Validate(rules.Root, [new ApiOperationValidator()]).Diagnostics.ToList();
}
