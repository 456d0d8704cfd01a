namespace DetectionKit.Engine.Compilation;

/// <summary>The shared library files of a rules root: every <c>.csx</c> below its <c>_lib</c> folder.</summary>
internal static class ScriptLibraries
{
    public static IReadOnlyList<string> Files(string rulesRoot)
    {
        var folder = Path.Combine(rulesRoot, ScriptUnit.LibraryFolder);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.csx", SearchOption.AllDirectories).Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList()
            : [];
    }
}
