using DetectionKit.Tooling.Testing;

namespace DetectionKit.Tooling.Watching;

/// <summary>One run of <c>test --watch</c>: the files whose change started it (none for the first run), and its results or why it could not run.</summary>
/// <param name="Changed">Full paths of the files that changed, in order; empty for the first run.</param>
/// <param name="Run">The results; null when the run itself failed (see <paramref name="Error"/>).</param>
/// <param name="Error">Why the run failed, such as a file being replaced while it was read; the watch goes on.</param>
/// <param name="Everything">The change concerns every selected rule (a settings or pack file, a library used by all), not only some.</param>
public sealed record WatchRun(IReadOnlyList<string> Changed, TestRun? Run, string? Error = null, bool Everything = false)
{
    public bool IsFirst => Changed.Count == 0;
}
