using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Compilation;

public sealed class RefusingScriptConstructs
{
    [Test]
    public void AReferenceDirectiveIsRefused()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "#r \"System.Net.Http\"\nbool Rule(CloudTrailEvent e) => true;\n");

        var result = rules.Compile();

        Assert.That(result.Rules, Is.Empty);
        var refused = result.Diagnostics.Single();
        Assert.That(refused.Code, Is.EqualTo(DiagnosticCodes.DirectiveRefused));
        Assert.That(refused.Location, Is.EqualTo(new SourceLocation(rules.PathOf("rule.csx"), 1, 1)));
        Assert.That(refused.Message, Does.StartWith("#r is not allowed"));
    }

    [Test]
    public void ALineDirectiveThatWouldHideCodeFromTheAllowListIsRefused()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => e.EventName != null &&\n#line 1 \"elsewhere.csx\"\n    System.IO.File.Exists(\"/etc/hostname\");\n");

        var result = rules.Compile();

        Assert.That(result.Rules, Is.Empty);
        var refused = result.Diagnostics.Single();
        Assert.That(refused.Code, Is.EqualTo(DiagnosticCodes.DirectiveRefused));
        Assert.That(refused.Location, Is.EqualTo(new SourceLocation(rules.PathOf("rule.csx"), 2, 1)));
        Assert.That(refused.Message, Does.StartWith("#line is not allowed in rule scripts"));
    }

    [Test]
    public void ALoadDirectiveOutsideTheSharedLibraryFolderIsRefused()
    {
        using var rules = new TempRulesDirectory();
        rules.Write("shared.csx", "static bool IsStop(CloudTrailEvent e) => e.EventName == \"StopLogging\";\n");
        rules.AddRule("rule", "// reuse\n#load \"shared.csx\"\nbool Rule(CloudTrailEvent e) => IsStop(e);\n");

        var refused = rules.Compile().Diagnostics.Single();

        Assert.That(refused.Code, Is.EqualTo(DiagnosticCodes.DirectiveRefused));
        Assert.That(refused.Location.Line, Is.EqualTo(2));
        Assert.That(refused.Message, Does.StartWith("#load may only name a shared library file under the rules folder's _lib/ (such as \"_lib/helpers.csx\"); 'shared.csx' is not one"));
    }

    [Test]
    public void ATopLevelStatementIsRefused()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", "bool Rule(CloudTrailEvent e) => true;\n\nConsole.WriteLine(\"loaded\");\n");

        var result = rules.Compile();

        Assert.That(result.Rules, Is.Empty);
        var refused = result.Diagnostics.Single();
        Assert.That(refused.Code, Is.EqualTo(DiagnosticCodes.TopLevelStatement));
        Assert.That((refused.Location.Line, refused.Location.Column), Is.EqualTo((3, 1)));
    }

    [Test]
    public void ARefusedScriptDoesNotStopTheOthers()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("a-refused", "#r \"System.Net.Http\"\nbool Rule(CloudTrailEvent e) => true;\n");
        rules.AddRule("b-fine", Scripts.MatchesEverything);

        var result = rules.Compile();

        Assert.That(result.Rules.Select(r => r.Id), Is.EqualTo(new[] { "b-fine" }));
    }
}
