using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Compilation;

public sealed class ReportingScriptErrors
{
    private const string SyntaxErrorOnLineThree = """
        bool Rule(CloudTrailEvent e)
        {
            return e.IsSuccess &&;
        }
        """;

    [Test]
    public void ASyntaxErrorOnLineThreeIsReportedAtLineThree()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("broken", SyntaxErrorOnLineThree);

        var result = rules.Compile();

        var error = result.Diagnostics.Single(d => d.IsError);
        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.CompileError));
            Assert.That(error.Location.Path, Is.EqualTo(rules.PathOf("broken.csx")));
            Assert.That(error.Location.Line, Is.EqualTo(3));
            Assert.That(error.Location.Column, Is.EqualTo("    return e.IsSuccess &&;".IndexOf(';') + 1));
            Assert.That(error.Message, Does.StartWith("CS1525"));
            Assert.That(error.RuleId, Is.EqualTo("broken"));
            Assert.That(error.ToString(), Does.Contain("broken.csx:3:"));
        });
    }

    [Test]
    public void TheOtherRulesStillCompileWhenOneHasAnError()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("a-fine", Scripts.MatchesSuccess);
        rules.AddRule("b-broken", SyntaxErrorOnLineThree);
        rules.AddRule("c-fine", Scripts.MatchesEverything);

        var result = rules.Compile();

        Assert.That(result.Rules.Select(r => r.Id), Is.EqualTo(new[] { "a-fine", "c-fine" }));
        Assert.That(result.Diagnostics.Where(d => d.IsError).Select(d => d.RuleId).Distinct(), Is.EqualTo(new[] { "b-broken" }));
        Assert.That(result.Rules[1].Functions.Rule(Some.Event(Some.Record())), Is.True);
    }

    [Test]
    public void ATypeErrorIsReportedAtTheMemberItConcerns()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "// checks the call\nbool Rule(CloudTrailEvent e) => e.IsSucess;\n");

        var error = rules.Compile().Diagnostics.Single();

        Assert.That(error.Message, Does.StartWith("CS1061").And.Contain("IsSucess"));
        Assert.That((error.Location.Line, error.Location.Column), Is.EqualTo((2, "bool Rule(CloudTrailEvent e) => e.".Length + 1)));
    }

    [Test]
    public void AnErrorInAUsingDirectiveKeepsItsPosition()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "// shared helpers\n  using System.Nope;\n\nbool Rule(CloudTrailEvent e) => true;\n");

        var error = rules.Compile().Diagnostics.Single(d => d.IsError);

        Assert.That(error.Message, Does.StartWith("CS0234"));
        Assert.That((error.Location.Line, error.Location.Column), Is.EqualTo((2, "  using System.".Length + 1)));
    }

    [Test]
    public void AnUnclosedBraceIsReportedInTheScript()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e)\n{\n    return true;\n");

        var result = rules.Compile();

        Assert.That(result.Rules, Is.Empty);
        Assert.That(result.Diagnostics.Where(d => d.IsError).Select(d => d.Location.Path).Distinct(), Is.EqualTo(new[] { rules.PathOf("rule.csx") }));
    }

    [Test]
    public void AScriptWithoutARuleFunctionIsReported()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Check(CloudTrailEvent e) => true;\n");

        var result = rules.Compile();

        Assert.That(result.Rules, Is.Empty);
        var missing = result.Diagnostics.Single();
        Assert.That(missing.Code, Is.EqualTo(DiagnosticCodes.RuleFunctionMissing));
        Assert.That(missing.Location, Is.EqualTo(new SourceLocation(rules.PathOf("rule.csx"), 1, 1)));
        Assert.That(missing.Message, Does.Contain("bool Rule(CloudTrailEvent e)"));
    }

    [Test]
    public void ARuleFunctionReturningTheWrongTypeIsReportedAtItsDeclaration()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "// matches nothing\nstring Rule(CloudTrailEvent e) => \"yes\";\n");

        var wrong = rules.Compile().Diagnostics.Single();

        Assert.That(wrong.Code, Is.EqualTo(DiagnosticCodes.RuleFunctionMissing));
        Assert.That(wrong.Location.Line, Is.EqualTo(2));
        Assert.That(wrong.Message, Does.Contain("found 'string Rule(CloudTrailEvent e)'"));
    }

    [Test]
    public void ATitleReturningTheWrongTypeIsReportedAtItsDeclaration()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => true;\n\nint Title(CloudTrailEvent e) => 42;\n");

        var result = rules.Compile();

        Assert.That(result.Rules, Is.Empty);
        var wrong = result.Diagnostics.Single();
        Assert.That(wrong.Code, Is.EqualTo(DiagnosticCodes.FunctionSignature));
        Assert.That((wrong.Location.Line, wrong.Location.Column), Is.EqualTo((3, 5)));
        Assert.That(wrong.Message, Is.EqualTo("'Title' must be 'string Title(CloudTrailEvent e)', found 'int Title(CloudTrailEvent e)'"));
    }

    [Test]
    public void AnAlertContextReturningVoidIsReported()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => true;\nvoid AlertContext(CloudTrailEvent e) { }\n");

        var wrong = rules.Compile().Diagnostics.Single();

        Assert.That(wrong.Code, Is.EqualTo(DiagnosticCodes.FunctionSignature));
        Assert.That(wrong.Location.Line, Is.EqualTo(2));
    }
}
