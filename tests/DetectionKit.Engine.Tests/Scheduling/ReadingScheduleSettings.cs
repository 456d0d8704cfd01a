using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Scheduling;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Scheduling;

public sealed class ReadingScheduleSettings
{
    private const string Job = "    source: { url: s3://org-trail }\n    cron: \"*/15 * * * *\"\n    outputs: [{ type: jsonl, path: alerts.jsonl }]\n";

    [Test]
    public void AJobRunsWithItsOwnSettingsOrElseTheSchedules()
    {
        using var folder = new TempRulesDirectory();
        folder.Write("org.settings.yml", "rules: {}\n");
        folder.Write("quiet.settings.yml", "rules: {}\n");
        var path = folder.Write("schedule.yml", $"state: state.db\nsettings: org.settings.yml\njobs:\n  - name: a\n{Job}  - name: b\n    settings: quiet.settings.yml\n{Job}");
        var problems = new List<Diagnostic>();

        var config = ScheduleConfigParser.Parse(path, problems);

        Assert.That(problems, Is.Empty);
        Assert.That(config!.SettingsPath, Is.EqualTo(folder.PathOf("org.settings.yml")));
        Assert.That(config.Jobs.Select(j => j.SettingsPath), Is.EqualTo(new[] { folder.PathOf("org.settings.yml"), folder.PathOf("quiet.settings.yml") }));
    }

    [Test]
    public void ASettingsFileThatIsNotThereIsReportedAtItsLine()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.Write("schedule.yml", $"state: state.db\njobs:\n  - name: a\n    settings: missing.settings.yml\n{Job}");
        var problems = new List<Diagnostic>();

        var config = ScheduleConfigParser.Parse(path, problems);

        Assert.That(config, Is.Null);
        var problem = problems.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.SettingsInvalid));
        Assert.That(problem.Location, Is.EqualTo(new SourceLocation(path, 4, 5)));
    }

    [Test]
    public void AJobsDeadLetterFileIsRelativeToTheScheduleAndNoneByDefault()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.Write("schedule.yml", $"state: state.db\njobs:\n  - name: a\n    deadLetter: dead/a.jsonl\n{Job}  - name: b\n{Job}");
        var problems = new List<Diagnostic>();

        var config = ScheduleConfigParser.Parse(path, problems);

        Assert.That(problems, Is.Empty);
        Assert.That(config!.Jobs.Select(j => j.DeadLetterPath), Is.EqualTo(new[] { folder.PathOf("dead/a.jsonl"), null }));
    }

    [Test]
    public void TheSchemasProblemsAndTheValuesProblemsAreReportedInOnePass()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.Write("schedule.yml", """
            state: state.db
            jobs:
              - name: a
                source: { url: s3://org-trail, regions: [us-east-1, 5] }
                cron: "*/15 * * *"
                lookbak: 2h
                outputs: [{ type: jsonl, path: a.jsonl }]
              - name: a
                source: { url: s3://org-trail }
                cron: "0 * * * *"
                lookback: 5m
                outputs: [{ type: jsonl, path: b.jsonl }]
            """);
        var problems = new List<Diagnostic>();

        var config = ScheduleConfigParser.Parse(path, problems);

        Assert.That(config, Is.Null);
        Assert.That(problems.Select(p => $"{p.Location.Line}:{p.Location.Column} {p.Code}").Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "11:5 DK1014", // the lookback is shorter than CloudTrail's delay
            "4:57 DK1002", // a region that is not a string
            "5:5 DK1014",  // the cron has four fields
            "6:5 DK1003",  // lookbak
            "8:5 DK1014",  // the job name is used twice
        }));
        Assert.That(problems.Select(p => p.Location.Path), Has.All.EqualTo(path));
    }

    [Test]
    public void AScheduleSaysWhereItNamesItsRules()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.Write("schedule.yml", $"state: state.db\nrules: detections\njobs:\n  - name: a\n{Job}");

        var config = ScheduleConfigParser.Parse(path, new List<Diagnostic>());

        Assert.That(config!.RulesPath, Is.EqualTo(folder.PathOf("detections")));
        Assert.That(config.RulesLocation, Is.EqualTo(new SourceLocation(path, 2, 8)));
    }

    [Test]
    public void AnEmptyDeadLetterPathBreaksTheSchema()
    {
        using var folder = new TempRulesDirectory();
        var path = folder.Write("schedule.yml", $"state: state.db\njobs:\n  - name: a\n    deadLetter: \"\"\n{Job}");
        var problems = new List<Diagnostic>();

        var config = ScheduleConfigParser.Parse(path, problems);

        Assert.That(config, Is.Null);
        Assert.That(problems.Single().Location.Line, Is.EqualTo(4));
    }
}
