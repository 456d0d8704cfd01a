using System.Globalization;
using System.Xml.Linq;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Tooling.Benign;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Cli.Reporting;

/// <summary>JUnit XML: one suite per rule, one test case per recorded case, and a suite of the captures, for CI test dashboards.</summary>
internal sealed class JUnitTestReporter : ITestReporter
{
    // Reports are read on other machines (CI dashboards): paths relative to the working directory, as everywhere.
    private static readonly DiagnosticFormatter Text = new(DiagnosticStyle.Text);

    public void Report(TestRun run, TextWriter output)
    {
        var suites = new XElement("testsuites",
            new XAttribute("name", "detectionkit"),
            new XAttribute("tests", run.Passed + run.Failed),
            new XAttribute("failures", run.Failed),
            new XAttribute("time", run.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)));
        foreach (var rule in run.Rules)
        {
            var suite = new XElement("testsuite",
                new XAttribute("name", rule.Rule.Id),
                new XAttribute("file", DiagnosticFormatter.Relative(rule.Rule.YamlPath)),
                new XAttribute("tests", rule.PassedCount + rule.FailedCount),
                new XAttribute("failures", rule.FailedCount));
            if (!rule.Compiled)
            {
                // One test, as in the other reports: the cases did not run, so they neither passed nor failed.
                suite.Add(NotCompiled(rule));
                suites.Add(suite);
                continue;
            }

            foreach (var result in rule.Cases)
            {
                var testCase = new XElement("testcase", new XAttribute("classname", rule.Rule.Id), new XAttribute("name", result.Name));
                if (!result.Passed)
                {
                    testCase.Add(new XElement("failure", new XAttribute("message", result.Failures[0].Split('\n')[0]), string.Join('\n', result.Failures)));
                }

                suite.Add(testCase);
            }

            foreach (var failure in rule.RuleFailures)
            {
                suite.Add(Failure(rule.Rule.Id, failure));
            }

            suites.Add(suite);
        }

        if (run.Captures is { } captures)
        {
            suites.Add(Captures(captures));
        }

        if (run.Settings is { } settings)
        {
            suites.Add(Settings(settings));
        }

        if (run.Benign is { } benign)
        {
            suites.Add(Benign(benign));
        }

        var files = run.LoadFailures.GroupBy(d => d.Location.Path, StringComparer.Ordinal).ToList();
        if (files.Count + run.DanglingSnapshots.Count > 0)
        {
            var count = files.Count + run.DanglingSnapshots.Count;
            var suite = new XElement("testsuite", new XAttribute("name", "rule files"), new XAttribute("tests", count), new XAttribute("failures", count));
            foreach (var file in files)
            {
                // A file that did not load is one failure, carrying every problem found in it.
                var first = file.First();
                suite.Add(new XElement("testcase",
                    new XAttribute("classname", DiagnosticFormatter.Relative(first.Location.Path)),
                    new XAttribute("name", "loads"),
                    new XElement("failure", new XAttribute("message", first.Message), string.Join('\n', file.Select(Text.Format)))));
            }

            foreach (var failure in run.DanglingSnapshots)
            {
                suite.Add(Failure(DiagnosticFormatter.Relative(failure.Location.Path), failure));
            }

            suites.Add(suite);
        }

        output.WriteLine(new XDocument(new XDeclaration("1.0", "utf-8", null), suites).ToString());
    }

    private static XElement Captures(CaptureRun captures)
    {
        var suite = new XElement("testsuite",
            new XAttribute("name", "captures"),
            new XAttribute("file", DiagnosticFormatter.Relative(captures.Directory.VerifiedPath)),
            new XAttribute("tests", captures.Results.Count + captures.Problems.Count),
            new XAttribute("failures", captures.Failed));
        foreach (var result in captures.Results)
        {
            var testCase = new XElement("testcase", new XAttribute("classname", "captures"), new XAttribute("name", result.Name));
            if (!result.Passed)
            {
                testCase.Add(new XElement("failure", new XAttribute("message", result.Failures[0].Split('\n')[0]), string.Join('\n', result.Failures)));
            }

            suite.Add(testCase);
        }

        foreach (var problem in captures.Problems)
        {
            suite.Add(Failure("captures", problem));
        }

        return suite;
    }

    /// <summary>The benign-traffic check: one passing test case, or a failure per rule that alerted at high or above and per error.</summary>
    private static XElement Benign(BenignTrafficResult benign)
    {
        var problems = benign.Problems;
        var suite = new XElement("testsuite",
            new XAttribute("name", "benign traffic"),
            new XAttribute("tests", Math.Max(1, problems.Count)),
            new XAttribute("failures", problems.Count));
        if (problems.Count == 0)
        {
            suite.Add(new XElement("testcase", new XAttribute("classname", "benign traffic"), new XAttribute("name", $"no high or critical alert and no error on {benign.Events} records (seed {benign.Seed})")));
        }

        foreach (var problem in problems)
        {
            suite.Add(Failure("benign traffic", problem));
        }

        return suite;
    }

    /// <summary>The settings file's errors as failures; the cases whose verdict it changes as the suite's output, for a person to read.</summary>
    private static XElement Settings(SettingsRun settings)
    {
        var errors = settings.Problems.Where(p => p.IsError).ToList();
        var suite = new XElement("testsuite",
            new XAttribute("name", "settings"),
            new XAttribute("file", DiagnosticFormatter.Relative(settings.Path)),
            new XAttribute("tests", errors.Count),
            new XAttribute("failures", errors.Count));
        foreach (var problem in errors)
        {
            suite.Add(Failure("settings", problem));
        }

        var changes = settings.Effects.Select(e => e.SuppressedBy is { } by
            ? $"suppressed: {e.RuleId} / {e.Case.Name} by '{by.Reason}'"
            : $"{(e.SettingsMatch ? "matches" : "no match")} under the settings: {e.RuleId} / {e.Case.Name}");
        suite.Add(new XElement("system-out", string.Join('\n', settings.DisabledRules.Select(r => $"disabled: {r}").Concat(changes))));
        return suite;
    }

    private static XElement NotCompiled(RuleTestResult rule)
    {
        var message = $"the rule did not compile; {rule.Rule.Tests.Count} cases not run" + (rule.RuleFailures.Count > 0 ? $": {rule.RuleFailures[0].Message}" : string.Empty);
        return new XElement("testcase",
            new XAttribute("classname", rule.Rule.Id),
            new XAttribute("name", "compiles"),
            new XElement("failure", new XAttribute("message", message), string.Join('\n', rule.RuleFailures.Select(Text.Format))));
    }

    private static XElement Failure(string className, Diagnostic diagnostic) =>
        new("testcase",
            new XAttribute("classname", className),
            new XAttribute("name", diagnostic.Code),
            new XElement("failure", new XAttribute("message", diagnostic.Message), Text.Format(diagnostic)));
}
