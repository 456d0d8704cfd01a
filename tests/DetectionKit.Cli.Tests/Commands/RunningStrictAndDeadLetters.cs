using System.Text.Json.Nodes;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.Commands;

/// <summary><c>run</c> on inputs it cannot evaluate whole: the summary counts them by kind, <c>--strict</c> fails on them, <c>--dead-letter</c> keeps them.</summary>
public sealed class RunningStrictAndDeadLetters
{
    private static string StopLogging => Path.Combine(RepositoryPaths.Fixtures, "stratus-red-team", "aws.defense-evasion.cloudtrail-stop.json");

    [Test]
    public void TheSummaryCountsRecordsNotEvaluatedByKindAndEmptyAndUnreadableInputs()
    {
        using var workspace = new RulesWorkspace();
        var mixed = workspace.AddFile("mixed.jsonl", MixedRecords());
        var empty = workspace.AddFile("empty.json", string.Empty);

        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", mixed, empty, "/nonexistent.json", StopLogging);

        Assert.That(result.ExitCode, Is.EqualTo(1), "an unreadable input fails a run without --strict");
        Assert.That(result.Error, Does.Contain("empty inputs: 1, unreadable inputs: 1, records not evaluated: 3 (not CloudTrail 1, undated 1, bad eventTime 1)"));
        Assert.That(result.Error, Does.Contain("mixed.jsonl:2:1: warning DK4006: record index 1: not a CloudTrail record"));
        Assert.That(result.Error, Does.Contain("mixed.jsonl:3:1: warning DK4007: record index 2: no eventTime"));
        Assert.That(result.Error, Does.Contain("mixed.jsonl:4:1: warning DK4008: record index 3: eventTime '05/08/2024 10:00' is not an ISO-8601 time"));
        Assert.That(result.Error, Does.Contain("empty.json: warning DK4009: the input holds no records"));
        Assert.That(result.OutLines, Has.Exactly(1).Contains("aws.cloudtrail.logging-stopped"));
    }

    [Test]
    public void WithoutStrictRecordsNotEvaluatedAndEmptyInputsAreWarningsThatDoNotFailTheRun()
    {
        using var workspace = new RulesWorkspace();
        var mixed = workspace.AddFile("mixed.jsonl", MixedRecords());
        var empty = workspace.AddFile("empty.json", string.Empty);

        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", mixed, empty);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        Assert.That(result.Error, Does.Contain("errors: 0").And.Not.Contain("--strict"));
    }

    [TestCase("undated")]
    [TestCase("not CloudTrail")]
    [TestCase("bad eventTime")]
    [TestCase("empty")]
    public void StrictFailsTheRunOnEachKind(string kind)
    {
        using var workspace = new RulesWorkspace();
        var record = Some.Record();
        switch (kind)
        {
            case "undated":
                record.Remove("eventTime");
                break;
            case "not CloudTrail":
                record = new JsonObject { ["hello"] = "world", ["eventTime"] = Some.EventTime };
                break;
            case "bad eventTime":
                record["eventTime"] = "05/08/2024 10:00";
                break;
        }

        var input = workspace.AddFile("input.jsonl", kind == "empty" ? string.Empty : Some.JsonLines(record));

        var lenient = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", input, StopLogging);
        var strict = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", input, StopLogging, "--strict");

        Assert.That(lenient.ExitCode, Is.EqualTo(0), lenient.ToString);
        Assert.That(strict.ExitCode, Is.EqualTo(1), strict.ToString);
        Assert.That(strict.Error, Does.Contain("errors: 0, failing under --strict: 1"));
        Assert.That(strict.OutLines, Has.Exactly(1).Contains("aws.cloudtrail.logging-stopped"), "--strict still delivers what it read");
    }

    [Test]
    public void StrictPassesACleanRun()
    {
        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", StopLogging, "--strict");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
    }

    [Test]
    public void TheDeadLetterFileReceivesEachRecordAndInputNotReadWithTheReason()
    {
        using var workspace = new RulesWorkspace();
        var mixed = workspace.AddFile("mixed.jsonl", MixedRecords() + "{\"eventName\": oops}\n");
        var deadLetter = Path.Combine(workspace.Root, "dead", "letters.jsonl");

        var first = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", mixed, "/nonexistent.json", "--dead-letter", deadLetter);
        var second = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", mixed, "--dead-letter", deadLetter);

        Assert.That(first.Error, Does.Contain($"dead letters: 5 in {deadLetter}"));
        var entries = File.ReadAllLines(deadLetter).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        var fromMixed = new[] { (mixed, "DK4006"), (mixed, "DK4007"), (mixed, "DK4008"), (mixed, "DK4001") };
        var firstRun = entries.Take(5).Select(e => ((string)e["source"]!, (string)e["code"]!));
        var secondRun = entries.Skip(5).Select(e => ((string)e["source"]!, (string)e["code"]!));

        // Objects are read side by side: each object's entries keep their order, the objects interleave.
        Assert.That(firstRun, Is.EquivalentTo(fromMixed.Append(("/nonexistent.json", "DK4001"))));
        Assert.That(firstRun.Where(e => e.Item1 == mixed), Is.EqualTo(fromMixed));
        Assert.That(secondRun, Is.EqualTo(fromMixed), "appended to, run after run");
        var mixedEntries = entries.Take(5).Where(e => (string)e["source"]! == mixed).ToList();
        Assert.That(mixedEntries.Take(3).Select(e => (long)e["record"]!), Is.EqualTo(new[] { 1L, 2L, 3L }));
        Assert.That(JsonNode.Parse((string)mixedEntries[1]["raw"]!)!["eventID"]!.GetValue<string>(), Is.EqualTo("undated"));
        Assert.That((string)mixedEntries[2]["raw"]!, Does.Contain("\"eventTime\":\"05/08/2024 10:00\""), "the raw text is the record as read");
        Assert.That((int)mixedEntries[3]["line"]!, Is.EqualTo(5));
        Assert.That((string)mixedEntries[3]["reason"]!, Does.StartWith("not valid JSON"));
        Assert.That((string)mixedEntries[3]["raw"]!, Is.EqualTo("{\"eventName\": oops}"));
        Assert.That(second.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public void ADeadLetterFileThatCannotBeWrittenIsAUsageError()
    {
        using var workspace = new RulesWorkspace();

        var result = Shell.Run("run", "--rules", RepositoryPaths.Rules, "--source", StopLogging, "--dead-letter", workspace.Root);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain($"error: --dead-letter {workspace.Root}: cannot be opened for writing"));
    }

    /// <summary>A good record, then one of each kind that is not evaluated: not CloudTrail, undated, a bad eventTime.</summary>
    private static string MixedRecords()
    {
        var undated = Some.Record(eventId: "undated");
        undated.Remove("eventTime");
        var misdated = Some.Record(eventId: "misdated");
        misdated["eventTime"] = "05/08/2024 10:00";
        return Some.JsonLines(Some.Record(eventName: "ListBuckets", eventSource: "s3.amazonaws.com"), new JsonObject { ["message"] = "not an event" }, undated, misdated);
    }
}
