using System.Diagnostics;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// Finds the script line and column an exception came from, through the portable PDB emitted with the
/// rules and the map from instrumented code back to what the author wrote.
/// </summary>
internal static class ExceptionLocator
{
    public static SourceLocation Locate(Exception exception, ScriptSourceMap source)
    {
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: true).GetFrames())
        {
            if (string.Equals(frame.GetFileName(), source.Path, StringComparison.Ordinal) && frame.GetFileLineNumber() > 0)
            {
                return source.Map(frame.GetFileLineNumber(), frame.GetFileColumnNumber());
            }
        }

        return new SourceLocation(source.Path);
    }
}
