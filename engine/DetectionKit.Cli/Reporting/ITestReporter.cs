using DetectionKit.Tooling.Testing;

namespace DetectionKit.Cli.Reporting;

/// <summary>Renders a finished test run; never runs anything itself.</summary>
internal interface ITestReporter
{
    void Report(TestRun run, TextWriter output);
}
