using System.Diagnostics;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Evaluation;

/// <summary>Finds the script line an exception came from, through the portable PDB emitted with the rules.</summary>
internal static class ExceptionLocator
{
    public static SourceLocation Locate(Exception exception, string scriptPath)
    {
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: true).GetFrames())
        {
            if (string.Equals(frame.GetFileName(), scriptPath, StringComparison.Ordinal) && frame.GetFileLineNumber() > 0)
            {
                return new SourceLocation(scriptPath, frame.GetFileLineNumber(), frame.GetFileColumnNumber());
            }
        }

        return new SourceLocation(scriptPath);
    }
}
