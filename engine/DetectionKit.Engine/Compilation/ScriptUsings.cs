namespace DetectionKit.Engine.Compilation;

/// <summary>The namespaces every rule script can use without a <c>using</c> directive. Documented in the README.</summary>
public static class ScriptUsings
{
    public static IReadOnlyList<string> Defaults { get; } =
    [
        "System",
        "System.Collections.Generic",
        "System.Globalization",
        "System.Linq",
        "System.Net",
        "System.Text",
        "System.Text.Json",
        "System.Text.RegularExpressions",
        "DetectionKit.Scripting",
    ];
}
