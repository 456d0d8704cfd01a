namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>How tightly a generated C# test binds, to know where it needs parentheses.</summary>
internal enum CodePrecedence
{
    /// <summary><c>a &amp;&amp; b</c>: parenthesised inside <c>||</c> (for the reader) and under <c>!</c>.</summary>
    Conjunction,

    /// <summary><c>a == b</c>, <c>a is null</c>: parenthesised under <c>!</c>.</summary>
    Comparison,

    /// <summary>A call or a property: never parenthesised.</summary>
    Primary,
}
