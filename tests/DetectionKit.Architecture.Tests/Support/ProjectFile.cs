using System.Xml.Linq;

namespace DetectionKit.Architecture.Tests.Support;

/// <summary>
/// What a first-party <c>.csproj</c> says about compiling it: its assembly name, output kind, the
/// projects it references, the assemblies it lets see its internals, and its extra global usings.
/// </summary>
internal sealed record ProjectFile(
    string Name,
    string Directory,
    string AssemblyName,
    bool IsExe,
    IReadOnlyList<string> ProjectReferences,
    IReadOnlyList<string> InternalsVisibleTo,
    IReadOnlyList<string> Usings)
{
    public static ProjectFile Read(string path)
    {
        var project = XDocument.Load(path).Root!;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var name = Path.GetFileNameWithoutExtension(path);
        IEnumerable<string> Items(string item) =>
            project.Descendants(item).Select(e => e.Attribute("Include")?.Value).OfType<string>();
        return new ProjectFile(
            name,
            directory,
            project.Descendants("AssemblyName").FirstOrDefault()?.Value ?? name,
            project.Descendants("OutputType").Any(e => e.Value.Equals("Exe", StringComparison.OrdinalIgnoreCase)),
            Items("ProjectReference").Select(reference => Path.GetFileNameWithoutExtension(reference.Replace('\\', '/'))).ToList(),
            Items("InternalsVisibleTo").ToList(),
            Items("Using").ToList());
    }

    /// <summary>The sources the SDK compiles by default: every <c>.cs</c> under the project folder but bin/ and obj/.</summary>
    public IEnumerable<string> SourceFiles() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsUnder(file, "bin") && !IsUnder(file, "obj"))
            .Order(StringComparer.Ordinal);

    private bool IsUnder(string file, string folder) =>
        file.StartsWith(Path.Combine(Directory, folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
