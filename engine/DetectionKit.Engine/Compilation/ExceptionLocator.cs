using System.Diagnostics;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// Finds the script line and column an exception came from, through the portable PDB emitted with the
/// rules and the map from instrumented code back to what the author wrote.
/// </summary>
internal static class ExceptionLocator
{
    /// <summary>The innermost frame in one of the scripts (a rule's own, or a shared library it loads).</summary>
    public static SourceLocation Locate(Exception exception, IReadOnlyDictionary<string, ScriptSourceMap> sources, string fallbackPath)
    {
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: true).GetFrames())
        {
            if (frame.GetFileName() is { } file && sources.TryGetValue(file, out var source) && frame.GetFileLineNumber() > 0)
            {
                return source.Map(frame.GetFileLineNumber(), frame.GetFileColumnNumber());
            }
        }

        return new SourceLocation(fallbackPath);
    }
}
