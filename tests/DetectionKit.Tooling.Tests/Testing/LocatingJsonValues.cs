using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Tests.Testing;

public sealed class LocatingJsonValues
{
    private const string Snapshot = """
        {
          "captures": {
            "a/b.json": { "events": 2, "alerts": [
              { "ruleId": "one" },
              { "ruleId": "tw/o~", "title": "é then" }
            ] }
          }
        }
        """;

    [Test]
    public void MembersAreFoundByPointerAtTheirNameAndValuesWhereTheyStart()
    {
        using var rules = new TempRulesDirectory();
        var path = rules.Write("x.verified.json", Snapshot);

        var positions = JsonPositions.Read(path);

        Assert.That(positions.KeyOf("/captures/a~1b.json"), Is.EqualTo(new SourceLocation(path, 3, 5)));
        Assert.That(positions.ValueOf("/captures/a~1b.json/events"), Is.EqualTo(new SourceLocation(path, 3, 29)));
        Assert.That(positions.ValueOf("/captures/a~1b.json/alerts/1/ruleId"), Is.EqualTo(new SourceLocation(path, 5, 19)));
        Assert.That(positions.ValueOf("/captures/a~1b.json/alerts/1"), Is.EqualTo(new SourceLocation(path, 5, 7)));
    }

    [Test]
    public void ColumnsCountCharactersNotBytes()
    {
        using var rules = new TempRulesDirectory();
        var path = rules.Write("x.json", "{\"é\": \"ü\", \"k\": 1}");

        Assert.That(JsonPositions.Read(path).KeyOf("/k"), Is.EqualTo(new SourceLocation(path, 1, 12)));
    }

    [Test]
    public void AnUnknownPointerFallsBackToItsNearestAncestorAndThenTheStartOfTheFile()
    {
        using var rules = new TempRulesDirectory();
        var path = rules.Write("x.verified.json", Snapshot);

        var positions = JsonPositions.Read(path);

        Assert.That(positions.KeyOf("/captures/a~1b.json/alerts/7/ruleId"), Is.EqualTo(new SourceLocation(path, 3, 42)), "the alerts list");
        Assert.That(positions.KeyOf("/nothing"), Is.EqualTo(new SourceLocation(path, 1, 1)));
    }

    [Test]
    public void AFileThatIsNotJsonKeepsWhatWasFoundBeforeTheProblem()
    {
        using var rules = new TempRulesDirectory();
        var path = rules.Write("x.json", "{\n  \"a\": 1,\n  \"b\": oops\n}");

        var positions = JsonPositions.Read(path);

        Assert.That((positions.KeyOf("/a").Line, positions.KeyOf("/b").Line), Is.EqualTo((2, 3)));
    }
}
