using DetectionKit.Scripting;
using Microsoft.CodeAnalysis;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// The assemblies rule scripts compile against: the whole shared framework, and the rule API. Every
/// framework type resolves, so a script that names one it may not use is refused by the allow-list
/// with a message that says why, rather than by a missing reference with a message that suggests
/// adding one. Scripts cannot add references (<c>#r</c> is refused). The engine's own assemblies and
/// its packages are never referenced.
/// </summary>
/// <remarks>
/// The framework's metadata is some 70 MB held in memory. It is kept only weakly between loads: a
/// process that compiles once (<c>run</c>, <c>schedule</c>) gives it back once its rules are loaded,
/// and one that compiles again soon after (tests, a watch) finds it still there.
/// </remarks>
internal static class ScriptReferences
{
    private static readonly WeakReference<IReadOnlyList<MetadataReference>?> Last = new(null);
    private static readonly Lock Gate = new();

    public static IReadOnlyList<MetadataReference> Get()
    {
        lock (Gate)
        {
            if (Last.TryGetTarget(out var references) && references is not null)
            {
                return references;
            }

            references = Create();
            Last.SetTarget(references);
            return references;
        }
    }

    private static IReadOnlyList<MetadataReference> Create()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => string.Equals(Path.GetDirectoryName(path), framework, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(CloudTrailEvent).Assembly.Location));
        return references;
    }
}
