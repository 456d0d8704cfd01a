using System.Text.RegularExpressions;

namespace DetectionKit.Engine.Packs;

/// <summary>A glob over rule ids or paths: <c>*</c> any run of characters, <c>?</c> one.</summary>
public sealed class IdGlob
{
    private readonly Regex pattern;

    public IdGlob(string glob)
    {
        Text = glob;
        pattern = new Regex("^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
    }

    public string Text { get; }

    public bool Matches(string value) => pattern.IsMatch(value);
}
