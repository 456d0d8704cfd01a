using DetectionKit.Scripting;
using Microsoft.CodeAnalysis;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// The assemblies rule scripts compile against: the parts of the base library the default usings
/// name, and the engine. Scripts cannot add references (<c>#r</c> is refused).
/// </summary>
internal static class ScriptReferences
{
    private static readonly string[] FrameworkAssemblies =
    [
        "System.Private.CoreLib",
        "System.Runtime",
        "System.Collections",
        "System.Linq",
        "System.Memory",
        "System.Net.Primitives",
        "System.Private.Uri",
        "System.Runtime.Numerics",
        "System.Text.Json",
        "System.Text.RegularExpressions",
        "System.Text.Encodings.Web",
        "netstandard",
    ];

    private static readonly Lazy<IReadOnlyList<MetadataReference>> All = new(Create);

    public static IReadOnlyList<MetadataReference> Get() => All.Value;

    private static IReadOnlyList<MetadataReference> Create()
    {
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(path => Path.GetFileNameWithoutExtension(path), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.OrdinalIgnoreCase);
        var references = new List<MetadataReference>();
        foreach (var name in FrameworkAssemblies)
        {
            if (trusted.TryGetValue(name, out var path))
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
        }

        references.Add(MetadataReference.CreateFromFile(typeof(CloudTrailEvent).Assembly.Location));
        return references;
    }
}
