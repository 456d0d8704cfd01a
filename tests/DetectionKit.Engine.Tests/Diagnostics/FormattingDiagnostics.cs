using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Tests.Diagnostics;

public sealed class FormattingDiagnostics
{
    [Test]
    public void ADiagnosticReadsLikeACompilerMessage()
    {
        var error = Diagnostic.Error(DiagnosticCodes.CompileError, new SourceLocation("rules/a.csx", 3, 26), "CS1525: Invalid expression term ';'", "a");

        Assert.That(error.ToString(), Is.EqualTo("rules/a.csx:3:26: error DK2001: CS1525: Invalid expression term ';'"));
        Assert.That(error.IsError, Is.True);
    }

    [Test]
    public void AWarningSaysWarning()
    {
        var warning = Diagnostic.Warning(DiagnosticCodes.CompileError, new SourceLocation("rules/a.csx", 3, 9), "CS0219: unused");

        Assert.That(warning.ToString(), Is.EqualTo("rules/a.csx:3:9: warning DK2001: CS0219: unused"));
        Assert.That(warning.IsError, Is.False);
    }

    [Test]
    public void ALineIsNeverPrintedWithoutAColumn()
    {
        Assert.That(new SourceLocation("rules/a.yml", 3).ToString(), Is.EqualTo("rules/a.yml:3:1"));
    }

    [Test]
    public void ALocationWithoutALineIsJustThePath()
    {
        Assert.That(new SourceLocation("input.json").ToString(), Is.EqualTo("input.json"));
        Assert.That(new SourceLocation("input.json", 0, 7).ToString(), Is.EqualTo("input.json"));
    }
}
