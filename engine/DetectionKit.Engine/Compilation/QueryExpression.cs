using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// One C# expression over a record <c>e</c>, as a hunt query's option gave it: the option stands for a
/// file in messages, so a problem reads <c>--where:1:17: error ...</c> and points into what was typed.
/// </summary>
/// <param name="Option">The option it was written in (<c>--where</c>, <c>--select</c>, <c>--count-by</c>).</param>
/// <param name="Text">The expression, as written (a column's header).</param>
/// <param name="Line">Where it starts in the option's text, 1-based.</param>
/// <param name="Column">Where it starts on that line, 1-based.</param>
public sealed record QueryExpression(string Option, string Text, int Line = 1, int Column = 1)
{
    public SourceLocation Location => new(Option, Line, Column);

    public override string ToString() => Text;
}
