using DetectionKit.Tooling.Benchmarking;

namespace DetectionKit.Cli.Reporting;

/// <summary>Renders a finished benchmark run; never measures anything itself.</summary>
internal interface IBenchRenderer
{
    void Render(BenchReport report, TextWriter output);
}
