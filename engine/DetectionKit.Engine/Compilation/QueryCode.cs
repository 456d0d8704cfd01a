using System.Text;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// A hunt query's expressions as the methods of one class, which compiles as a rule script's class
/// does. Each expression sits under a <c>#line</c> directive naming its option, indented to its column,
/// so the compiler and the allow-list report it at the column the user typed; the code around it is
/// hidden. The expressions were parsed alone first (<see cref="QueryExpressions"/>), so none can reach
/// out of its method.
/// </summary>
internal static class QueryCode
{
    public const string TypeName = "DetectionKit.Rules.Generated.Hunt.__DetectionKitQuery";

    public const string WhereMethod = "__Where";

    public static string ValueMethod(int index) => $"__Value{index}";

    public static string Generate(QueryExpression? where, IReadOnlyList<QueryExpression> values)
    {
        var dot = TypeName.LastIndexOf('.');
        var builder = new StringBuilder("#line hidden\n");
        builder.Append("namespace ").Append(TypeName, 0, dot).Append("\n{\n");
        builder.Append("internal sealed class ").Append(TypeName, dot + 1, TypeName.Length - dot - 1).Append("\n{\n");
        if (where is not null)
        {
            Append(builder, "bool", WhereMethod, where);
        }

        for (var index = 0; index < values.Count; index++)
        {
            Append(builder, "object", ValueMethod(index), values[index]);
        }

        builder.Append("}\n}\n");
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string returns, string name, QueryExpression expression)
    {
        builder.Append("#line hidden\n");
        builder.Append(returns).Append(' ').Append(name).Append("(global::DetectionKit.Scripting.CloudTrailEvent e) =>\n");
        builder.Append("#line ").Append(expression.Line).Append(" \"").Append(ScriptUnit.Quote(expression.Option)).Append("\"\n");
        builder.Append(' ', Math.Max(0, expression.Column - 1)).Append(expression.Text).Append('\n');

        // On a line of its own: a '//' comment at the end of the expression would swallow it.
        builder.Append(";\n");
    }
}
