using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>
/// One <c>field|modifier|...: value(s)</c> entry of a Sigma search: the values are alternatives
/// (OR), or all required with the <c>all</c> modifier.
/// </summary>
/// <param name="Field">The field path as written (<c>requestParameters.userName</c>); empty for a keyword search (<c>'|all'</c>).</param>
/// <param name="Modifiers">The modifiers in the order written.</param>
/// <param name="Values">The value, or the list's values.</param>
/// <param name="Location">Where the key is written.</param>
public sealed record SigmaFieldMatch(string Field, IReadOnlyList<string> Modifiers, IReadOnlyList<SigmaValue> Values, SourceLocation Location);
