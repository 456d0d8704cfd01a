using System.Text;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tooling.Importing.Sigma;

namespace DetectionKit.Tooling.Tests.Importing.Sigma;

public sealed class ReadingSigmaFiles
{
    [Test]
    public void AnAliasBombIsRefusedBeforeItIsBuilt()
    {
        var bomb = new StringBuilder("title: bomb\nlogsource: { product: aws, service: cloudtrail }\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 8; i++)
        {
            bomb.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        var diagnostics = new List<Diagnostic>();
        var rule = SigmaRuleReader.Parse("bomb.yml", bomb.ToString(), diagnostics);

        Assert.That(rule, Is.Null);
        Assert.That(diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.YamlAliasRefused));
    }

    [TestCase("title: t\nlogsource: { product: aws }\n", DiagnosticCodes.SigmaUnreadable, 1, "'detection' (a map of search identifiers and a condition) is missing")]
    [TestCase("- a\n- b\n", DiagnosticCodes.SigmaUnreadable, 1, "not a map of keys")]
    [TestCase("title: t\ncorrelation:\n  type: event_count\n", DiagnosticCodes.SigmaAggregation, 2, "correlation rule")]
    [TestCase("title: t\nlogsource: {}\ndetection:\n  sel: { eventName: X }\n", DiagnosticCodes.SigmaConditionInvalid, 3, "has no 'condition'")]
    [TestCase("title: t\nlogsource: {}\ndetection:\n  sel: { eventName: { nested: map } }\n  condition: sel\n", DiagnosticCodes.SigmaUnreadable, 4, "holds a map")]
    public void WhatIsNotASigmaRuleIsSaidAtItsLine(string text, string code, int line, string message)
    {
        var diagnostics = new List<Diagnostic>();

        var rule = SigmaRuleReader.Parse("x.yml", text, diagnostics);

        Assert.That(rule, Is.Null);
        var problem = diagnostics.First();
        Assert.That((problem.Code, problem.Location.Line), Is.EqualTo((code, line)));
        Assert.That(problem.Message, Does.Contain(message));
    }
}
