using System.Text;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// The <c>when</c> expressions of a rule's suppressions as instance methods of the rule's class, so they
/// compile with its script: checked against the allow-list, metered, and able to call the script's
/// own functions. Each expression sits under a <c>#line</c> directive of the settings file, indented to
/// its column, so a compiler message about it points at the settings file's line and column.
/// </summary>
internal static class SuppressionCode
{
    public static string MethodName(int index) => $"__DetectionKitSuppression{index}";

    public static void Append(StringBuilder builder, IReadOnlyList<RuleSuppression> suppressions)
    {
        for (var index = 0; index < suppressions.Count; index++)
        {
            if (suppressions[index] is not { When: { } when } suppression)
            {
                continue;
            }

            // Never hidden: the allow-list reports what it refuses only where the code maps to a file.
            var at = SourceOf(suppression);
            builder.Append("#line hidden\n");
            builder.Append("bool ").Append(MethodName(index)).Append("(global::DetectionKit.Scripting.CloudTrailEvent e) =>\n");
            builder.Append("#line ").Append(at.Line).Append(" \"").Append(ScriptUnit.Quote(at.Path)).Append("\"\n");
            // A literal block ('when: |') loses its indentation in YAML: give it back, so each line keeps its column.
            var indent = new string(' ', Math.Max(0, at.Column - 1));
            builder.Append(indent).Append(when.TrimEnd('\n').Replace("\n", "\n" + indent, StringComparison.Ordinal)).Append('\n');

            // On a line of its own: a '//' comment at the end of the expression would swallow it.
            builder.Append(";\n");
        }

        builder.Append("#line hidden\n");
    }

    /// <summary>Where a suppression's <c>when</c> is written: its own location, else the suppression's.</summary>
    public static SourceLocation SourceOf(RuleSuppression suppression) => suppression.WhenLocation ?? suppression.Location;
}
