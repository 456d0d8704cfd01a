using DetectionKit.Tooling.Coverage;

namespace DetectionKit.Cli.Reporting;

/// <summary>Renders a computed coverage report; never computes anything itself.</summary>
internal interface ICoverageRenderer
{
    void Render(CoverageReport report, TextWriter output);
}
