using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Compilation;

/// <summary>
/// Every read of a rule parameter is checked when the rules compile, at the script's line and column:
/// a mistake in a name or type would otherwise surface as an exception on every event.
/// </summary>
public sealed class CheckingParameterReads
{
    private const string Declarations = """
        parameters:
          knownAccounts: { type: accountIds, description: Accounts trusted on purpose., default: [] }
          many: { type: number, description: How many., default: 20 }

        """;

    [Test]
    public void ADeclaredParameterReadInAFunctionCompiles()
    {
        var result = Compile("""
            static IReadOnlySet<string> Known => Parameters.AccountIds("knownAccounts");

            bool Rule(CloudTrailEvent e) => !Known.Contains(e.RecipientAccountId) && Parameters.Number("many") > 1;
            """);

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Rules, Has.Count.EqualTo(1));
    }

    [Test]
    public void ANameTheRuleDoesNotDeclareIsRefusedWithTheClosestDeclaredOne()
    {
        var problem = Refused("bool Rule(CloudTrailEvent e) => Parameters.AccountIds(\"knownAccount\").Count == 0 && Parameters.Number(\"many\") > 0;\n");

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.ParameterNotDeclared));
        Assert.That((problem.Location.Line, problem.Location.Column), Is.EqualTo((1, 44)));
        Assert.That(problem.Message, Does.StartWith("the rule declares no parameter 'knownAccount' (did you mean 'knownAccounts'?); declare it under 'parameters:' in "));
    }

    [Test]
    public void TheAccessorOfAnotherTypeIsRefused()
    {
        var problem = Refused("bool Rule(CloudTrailEvent e) => Parameters.Strings(\"knownAccounts\").Count == 0 && Parameters.Number(\"many\") > 0;\n");

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.ParameterTypeMismatch));
        Assert.That(problem.Message, Does.StartWith("parameter 'knownAccounts' is declared as accountIds in ").And.EndWith(": read it with Parameters.AccountIds(\"knownAccounts\"), not Parameters.Strings"));
    }

    [Test]
    public void ANameThatIsNotAConstantIsRefused()
    {
        var problem = Refused("""
            bool Rule(CloudTrailEvent e) => Parameters.Number("many") > 0 && Parameters.AccountIds("known" + e.EventName).Count == 0;
            """);

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.ParameterNameNotConstant));
        Assert.That(problem.Location.Column, Is.EqualTo(77));
    }

    [Test]
    public void AConstantNameIsAsGoodAsALiteral()
    {
        var result = Compile("""
            const string Many = "many";

            bool Rule(CloudTrailEvent e) => Parameters.Number(Many) > 0 && Parameters.AccountIds("knownAccounts").Count == 0;
            """);

        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void AnAccessorPassedAsAMethodGroupIsRefused()
    {
        var problem = Refused("""
            static readonly Func<string, double> Read = Parameters.Number;

            bool Rule(CloudTrailEvent e) => Read("many") > 0 && Parameters.AccountIds("knownAccounts").Count == 0;
            """);

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.ParameterNameNotConstant));
        Assert.That(problem.Location.Line, Is.EqualTo(1));
    }

    [Test]
    public void AReadInAFieldInitialiserIsRefused()
    {
        var problem = Refused("""
            static readonly IReadOnlySet<string> Known = Parameters.AccountIds("knownAccounts");

            bool Rule(CloudTrailEvent e) => !Known.Contains(e.RecipientAccountId) && Parameters.Number("many") > 0;
            """);

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.ParameterReadAtInitialisation));
        Assert.That((problem.Location.Line, problem.Location.Column), Is.EqualTo((1, 57)));
        Assert.That(problem.Message, Does.Contain("static IReadOnlySet<string> Name => Parameters.AccountIds(\"knownAccounts\");"));
    }

    [Test]
    public void AReadInAStaticFieldOfANestedTypeIsRefused()
    {
        var problem = Refused("""
            static class Limits
            {
                public static readonly double Many = Parameters.Number("many");
            }

            bool Rule(CloudTrailEvent e) => Parameters.AccountIds("knownAccounts").Count < Limits.Many;
            """);

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.ParameterReadAtInitialisation));
        Assert.That(problem.Location.Line, Is.EqualTo(3));
    }

    [Test]
    public void ANestedTypeMadePerCallMayReadInItsConstructor()
    {
        var result = Compile("""
            sealed class Limits
            {
                public Limits() => Many = Parameters.Number("many");

                public double Many { get; }
            }

            bool Rule(CloudTrailEvent e) => Parameters.AccountIds("knownAccounts").Count < new Limits().Many;
            """);

        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void ALambdaKeptInAFieldReadsWhenItRunsAndIsAllowed()
    {
        var result = Compile("""
            static readonly Func<CloudTrailEvent, bool> Known = e => Parameters.AccountIds("knownAccounts").Contains(e.RecipientAccountId);

            bool Rule(CloudTrailEvent e) => !Known(e) && Parameters.Number("many") > 0;
            """);

        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void AReadTheCheckCannotSeeFailsWhenTheFieldsAreInitialised()
    {
        var problem = Refused("""
            static readonly double Many = ReadMany();

            static double ReadMany() => Parameters.Number("many");

            bool Rule(CloudTrailEvent e) => Parameters.AccountIds("knownAccounts").Count < Many;
            """);

        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.RuleException));
        Assert.That(problem.Location.Line, Is.EqualTo(3));
        Assert.That(problem.Message, Does.StartWith("the script's fields could not be initialised: InvalidOperationException: parameter 'many' was read outside a rule function"));
    }

    [Test]
    public void ADeclaredParameterTheScriptNeverReadsIsAWarningAtItsDeclaration()
    {
        var result = Compile("bool Rule(CloudTrailEvent e) => Parameters.Number(\"many\") > 0;\n", out var rules);

        Assert.That(result.Rules, Has.Count.EqualTo(1), "a warning does not stop the rule");
        var warning = result.Diagnostics.Single();
        Assert.That(warning.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(warning.Code, Is.EqualTo(DiagnosticCodes.ParameterNeverRead));
        Assert.That(warning.Location, Is.EqualTo(new SourceLocation(rules.PathOf("rule.yml"), 7, 3)));
        Assert.That(warning.Message, Does.StartWith("parameter 'knownAccounts' is declared, but the script never reads it"));
        rules.Dispose();
    }

    [Test]
    public void ASharedLibraryDoesNotReadParameters()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("_lib/accounts.csx", "public static bool IsKnown(string account) => Parameters.AccountIds(\"knownAccounts\").Contains(account);\n");
        rules.AddRule("rule", "#load \"_lib/accounts.csx\"\nbool Rule(CloudTrailEvent e) => !IsKnown(e.RecipientAccountId) && Parameters.Number(\"many\") > 0;\n", RuleYaml.Rule("rule", extra: Declarations));

        var result = rules.Compile();

        Assert.That(result.Rules, Is.Empty);
        var refused = result.Diagnostics.First();
        Assert.That(refused.Code, Is.EqualTo(DiagnosticCodes.ParameterReadInLibrary));
        Assert.That(refused.Location, Is.EqualTo(new SourceLocation(rules.PathOf("_lib/accounts.csx"), 1, 58)));
        Assert.That(refused.Message, Does.Contain("take the value as an argument"));
    }

    private static Diagnostic Refused(string script)
    {
        var result = Compile(script, out var rules);
        rules.Dispose();
        Assert.That(result.Rules, Is.Empty, "the rule is refused");
        return result.Diagnostics.Single(d => d.IsError);
    }

    private static RuleCompilationResult Compile(string script)
    {
        var result = Compile(script, out var rules);
        rules.Dispose();
        return result;
    }

    private static RuleCompilationResult Compile(string script, out TempRulesDirectory rules)
    {
        rules = new TempRulesDirectory();
        rules.AddRule("rule", script, RuleYaml.Rule("rule", extra: Declarations));
        return rules.Compile();
    }
}
