using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;

namespace DetectionKit.Engine.Tests.Loading;

public sealed class ParsingYaml
{
    private const string Path = "/rules/rule.yml";

    [Test]
    public void AQuotedNumberIsAStringAndAPlainOneANumber()
    {
        var root = Parse("quoted: \"123\"\nsingle: '123'\nplain: 123\nnegative: -7\nhex: 0x1F\n");

        Assert.Multiple(() =>
        {
            Assert.That(Kind(root["quoted"]), Is.EqualTo("String"));
            Assert.That(root["quoted"]!.GetValue<string>(), Is.EqualTo("123"));
            Assert.That(Kind(root["single"]), Is.EqualTo("String"));
            Assert.That(Kind(root["plain"]), Is.EqualTo("Number"));
            Assert.That(root["plain"]!.GetValue<long>(), Is.EqualTo(123));
            Assert.That(root["negative"]!.GetValue<long>(), Is.EqualTo(-7));
            Assert.That(root["hex"]!.GetValue<long>(), Is.EqualTo(31));
        });
    }

    [Test]
    public void AnAccountIdTooBigForALongIsStillANumber()
    {
        var root = Parse("big: 123456789012345678901234\n");

        Assert.That(Kind(root["big"]), Is.EqualTo("Number"));
        Assert.That(root["big"]!.ToJsonString(), Is.EqualTo("123456789012345678901234"));
    }

    [Test]
    public void FloatsAreNumbers()
    {
        var root = Parse("half: 1.5\nexponent: 1e3\nleadingDot: .25\n");

        Assert.Multiple(() =>
        {
            Assert.That(root["half"]!.GetValue<double>(), Is.EqualTo(1.5));
            Assert.That(root["exponent"]!.GetValue<double>(), Is.EqualTo(1000));
            Assert.That(root["leadingDot"]!.GetValue<double>(), Is.EqualTo(0.25));
        });
    }

    [Test]
    public void TrueAndFalseAreBooleansUnlessQuoted()
    {
        var root = Parse("yes: true\nno: False\nquoted: \"true\"\nwordy: yes\n");

        Assert.Multiple(() =>
        {
            Assert.That(root["yes"]!.GetValue<bool>(), Is.True);
            Assert.That(root["no"]!.GetValue<bool>(), Is.False);
            Assert.That(Kind(root["quoted"]), Is.EqualTo("String"));
            Assert.That(Kind(root["wordy"]), Is.EqualTo("String"), "YAML 1.2 core schema: 'yes' is not a boolean");
        });
    }

    [Test]
    public void NullTildeAndNothingAreNull()
    {
        var root = Parse("a: null\nb: ~\nc:\nd: \"null\"\n");

        Assert.Multiple(() =>
        {
            Assert.That(root.ContainsKey("a") && root["a"] is null, Is.True);
            Assert.That(root.ContainsKey("b") && root["b"] is null, Is.True);
            Assert.That(root.ContainsKey("c") && root["c"] is null, Is.True);
            Assert.That(Kind(root["d"]), Is.EqualTo("String"));
        });
    }

    [Test]
    public void AStrTagKeepsANumberAString()
    {
        var root = Parse("account: !!str 111122223333\n");

        Assert.That(Kind(root["account"]), Is.EqualTo("String"));
    }

    [Test]
    public void KeysAreLocatedAtTheirLineAndColumn()
    {
        var document = YamlDocument.Parse(Path, "id: x\ntests:\n  - name: first\n    expect: true\n", new List<Diagnostic>())!;

        Assert.Multiple(() =>
        {
            Assert.That(document.Positions.Find("/id"), Is.EqualTo(new SourceLocation(Path, 1, 1)));
            Assert.That(document.Positions.Find("/tests"), Is.EqualTo(new SourceLocation(Path, 2, 1)));
            Assert.That(document.Positions.Find("/tests/0"), Is.EqualTo(new SourceLocation(Path, 3, 5)));
            Assert.That(document.Positions.Find("/tests/0/expect"), Is.EqualTo(new SourceLocation(Path, 4, 5)));
        });
    }

    [Test]
    public void AnUnknownPointerIsLocatedAtItsNearestAncestor()
    {
        var document = YamlDocument.Parse(Path, "id: x\ntests:\n  - name: first\n", new List<Diagnostic>())!;

        Assert.That(document.Positions.Find("/tests/0/event/eventName"), Is.EqualTo(new SourceLocation(Path, 3, 5)));
    }

    [Test]
    public void ValuesAreLocatedWhereTheyStartApartFromTheirKeys()
    {
        var document = YamlDocument.Parse(Path, "match:\n  eventSource: iam.amazonaws.com\n  eventName: [CreateUser,  DeleteUser]\n", new List<Diagnostic>())!;

        Assert.Multiple(() =>
        {
            Assert.That(document.Positions.Find("/match/eventSource"), Is.EqualTo(new SourceLocation(Path, 2, 3)), "the key");
            Assert.That(document.Positions.FindValue("/match/eventSource"), Is.EqualTo(new SourceLocation(Path, 2, 16)), "the value");
            Assert.That(document.Positions.FindValue("/match/eventSource/0"), Is.EqualTo(new SourceLocation(Path, 2, 16)), "a single value stands for its first item");
            Assert.That(document.Positions.FindValue("/match/eventName/1"), Is.EqualTo(new SourceLocation(Path, 3, 28)));
        });
    }

    [Test]
    public void ASyntaxErrorIsReportedAtItsLine()
    {
        var diagnostics = new List<Diagnostic>();

        var document = YamlDocument.Parse(Path, "id: x\ntitle: a\n  severity: high\n", diagnostics);

        Assert.That(document, Is.Null);
        var error = diagnostics.Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.YamlSyntax));
        Assert.That((error.Location.Path, error.Location.Line), Is.EqualTo((Path, 3)));
        Assert.That(error.Message, Does.StartWith("YAML syntax: "));
    }

    [Test]
    public void AnUnclosedFlowSequenceIsASyntaxErrorNotACrash()
    {
        var diagnostics = new List<Diagnostic>();

        var document = YamlDocument.Parse(Path, "id: x\ntitle: a\ntests: [unclosed\nseverity: high\n", diagnostics);

        Assert.That(document, Is.Null);
        var error = diagnostics.Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.YamlSyntax));
        Assert.That(error.Location.Line, Is.EqualTo(4));
        Assert.That(error.Message, Does.Contain("unclosed"));
    }

    [Test]
    public void ADuplicateKeyIsASyntaxErrorAtTheSecondKey()
    {
        var diagnostics = new List<Diagnostic>();

        var document = YamlDocument.Parse(Path, "id: x\ntitle: a\nid: y\n", diagnostics);

        Assert.That(document, Is.Null);
        Assert.That(diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.YamlSyntax));
        Assert.That(diagnostics.Single().Location.Line, Is.EqualTo(3));
    }

    [Test]
    public void AnEmptyFileIsReported()
    {
        var diagnostics = new List<Diagnostic>();

        Assert.That(YamlDocument.Parse(Path, string.Empty, diagnostics), Is.Null);
        Assert.That(diagnostics.Single().Message, Does.Contain("empty"));
    }

    [Test]
    public void SeveralDocumentsInOneFileAreReported()
    {
        var diagnostics = new List<Diagnostic>();

        Assert.That(YamlDocument.Parse(Path, "id: a\n---\nid: b\n", diagnostics), Is.Null);
        Assert.That(diagnostics.Single().Message, Does.Contain("one YAML document"));
    }

    private static JsonObject Parse(string yaml)
    {
        var diagnostics = new List<Diagnostic>();
        var document = YamlDocument.Parse(Path, yaml, diagnostics);
        Assert.That(diagnostics, Is.Empty);
        return document!.Root!.AsObject();
    }

    private static string Kind(JsonNode? node) => node?.GetValueKind().ToString() ?? "null";
}
