using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Captures;
using DetectionKit.Tooling.Testing;

namespace DetectionKit.Rules.Tests.Support;

/// <summary>
/// The shipped rules and the bundled captures tested once, as <c>detectionkit test</c> tests them
/// from the repository root, so <c>dotnet test</c> and the command fail on the same thing. The
/// fixtures only read the results.
/// </summary>
internal static class ShippedRun
{
    private static readonly Lazy<TestRun> Run = new(() => new RuleTestRunner(RepositoryPaths.Rules, Captures).Run());

    public static CaptureDirectory Captures { get; } = new(RepositoryPaths.Fixtures);

    public static TestRun Result => Run.Value;
}
