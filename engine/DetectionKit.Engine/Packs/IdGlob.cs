using System.Text.RegularExpressions;

namespace DetectionKit.Engine.Packs;

/// <summary>A glob over rule ids or paths: <c>*</c> any run of characters, <c>?</c> one.</summary>
public sealed partial class IdGlob
{
    private readonly Regex? pattern;

    public IdGlob(string glob)
    {
        Text = glob;

        // What no id or path holds (a space, a quote: text a schema refused) cannot match one, and is
        // never made into an expression: a refused entry may be any size.
        pattern = IdCharacters().IsMatch(glob)
            ? new Regex("^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant)
            : null;
    }

    public string Text { get; }

    /// <summary>False when the text holds a character no rule id or path has: it matches nothing.</summary>
    public bool IsWellFormed => pattern is not null;

    public bool Matches(string value) => pattern?.IsMatch(value) ?? false;

    [GeneratedRegex(@"^[A-Za-z0-9._*?/-]+$")]
    private static partial Regex IdCharacters();
}
