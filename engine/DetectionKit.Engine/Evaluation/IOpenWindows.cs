using DetectionKit.Engine.Compilation;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Evaluation;

/// <summary>The alert windows a reader of events has open so far: what makes a match a repeat.</summary>
public interface IOpenWindows
{
    /// <summary>True when an earlier match of the rule with this dedup key opened the window the event falls in.</summary>
    bool IsOpen(CompiledRule rule, string dedupKey, CloudTrailEvent e);
}
