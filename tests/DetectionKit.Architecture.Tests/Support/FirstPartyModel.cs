using DetectionKit.Tests.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DetectionKit.Architecture.Tests.Support;

/// <summary>
/// A Roslyn semantic model of the first-party sources, built from the sources themselves (not from
/// the built assemblies): each project compiled as its <c>.csproj</c> describes, against the projects
/// it references and the packages and framework this test runs with.
/// </summary>
internal sealed class FirstPartyModel
{
    public static readonly string[] ProjectNames = ["DetectionKit.Scripting", "DetectionKit.Engine", "DetectionKit.Tooling", "DetectionKit.Cli"];

    // The SDK's implicit global usings for Microsoft.NET.Sdk (ImplicitUsings is on in Directory.Build.props).
    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    // CS8795: a partial method without its implementation part, which the regex source generator writes.
    private static readonly string[] GeneratedByTheBuild = ["CS8795"];

    private static readonly Lazy<FirstPartyModel> Shared = new(() => Load(RepositoryPaths.Root));

    private FirstPartyModel(IReadOnlyList<ProjectFile> projects, IReadOnlyList<Compilation> compilations, string root)
    {
        Projects = projects;
        var firstParty = compilations.Select(c => c.AssemblyName!).ToHashSet(StringComparer.Ordinal);
        var errors = new List<string>();
        var references = new List<SymbolReference>();

        // One semantic model per tree both reports the errors and binds the references: each body is bound once.
        foreach (var model in compilations.SelectMany(c => c.SyntaxTrees.OrderBy(t => t.FilePath, StringComparer.Ordinal).Select(t => c.GetSemanticModel(t))))
        {
            errors.AddRange(model.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && !GeneratedByTheBuild.Contains(d.Id)).Select(d => d.ToString()));
            references.AddRange(SymbolReferences.In(model, firstParty, root));
        }

        CompileErrors = errors;
        References = references;
    }

    public static FirstPartyModel Repository => Shared.Value;

    /// <summary>The projects in build order: each after the projects it references.</summary>
    public IReadOnlyList<ProjectFile> Projects { get; }

    /// <summary>Errors the compilations report (there should be none, or the model may miss references).</summary>
    public IReadOnlyList<string> CompileErrors { get; }

    public IReadOnlyList<SymbolReference> References { get; }

    public ProjectFile Project(string name) => Projects.Single(p => p.Name == name);

    public string ProjectOfAssembly(string assemblyName) => Projects.Single(p => p.AssemblyName == assemblyName).Name;

    public DependencyGraph NamespaceGraph()
    {
        var graph = new DependencyGraph();
        foreach (var reference in References)
        {
            graph.Add(reference.FromNamespace, reference.ToNamespace, reference.Where);
        }

        return graph;
    }

    private static FirstPartyModel Load(string root)
    {
        var projects = InBuildOrder(ProjectNames.Select(name => ProjectFile.Read(Path.Combine(root, "engine", name, name + ".csproj"))).ToList());
        var packages = PackageReferences(projects.Select(p => p.AssemblyName).ToHashSet(StringComparer.OrdinalIgnoreCase));
        var compiled = new Dictionary<string, CSharpCompilation>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = project.SourceFiles()
                .Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, file))
                .Append(CSharpSyntaxTree.ParseText(BuildGenerated(project), parse, Path.Combine(project.Directory, "obj", "generated.cs")));
            var references = Closure(project, projects).Select(name => compiled[name].ToMetadataReference());
            var options = new CSharpCompilationOptions(project.IsExe ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
            compiled[project.Name] = CSharpCompilation.Create(project.AssemblyName, trees, packages.Concat(references), options);
        }

        return new FirstPartyModel(projects, projects.Select(p => (Compilation)compiled[p.Name]).ToList(), root);
    }

    /// <summary>What the SDK generates into obj/: global usings and InternalsVisibleTo attributes.</summary>
    private static string BuildGenerated(ProjectFile project) =>
        string.Concat(ImplicitUsings.Concat(project.Usings).Select(u => $"global using {u};\n")) +
        string.Concat(project.InternalsVisibleTo.Select(a => $"[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"{a}\")]\n"));

    /// <summary>The framework and the packages, as this test process loads them (the CLI reference brings every package in).</summary>
    private static List<MetadataReference> PackageReferences(IReadOnlySet<string> firstParty) =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => !firstParty.Contains(Path.GetFileNameWithoutExtension(path)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();

    /// <summary>The first-party projects a project references, directly or through others (as the SDK passes them on).</summary>
    private static IEnumerable<string> Closure(ProjectFile project, IReadOnlyList<ProjectFile> projects)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(project.ProjectReferences);
        while (pending.TryPop(out var name))
        {
            if (seen.Add(name) && projects.FirstOrDefault(p => p.Name == name) is { } referenced)
            {
                referenced.ProjectReferences.ToList().ForEach(pending.Push);
            }
        }

        return seen.Where(name => projects.Any(p => p.Name == name));
    }

    private static List<ProjectFile> InBuildOrder(List<ProjectFile> projects)
    {
        var ordered = new List<ProjectFile>();
        while (ordered.Count < projects.Count)
        {
            var next = projects.Except(ordered).FirstOrDefault(p => p.ProjectReferences.All(r => ordered.Any(o => o.Name == r) || projects.All(q => q.Name != r)))
                ?? throw new InvalidOperationException($"the project references of {string.Join(", ", projects.Except(ordered).Select(p => p.Name))} form a cycle");
            ordered.Add(next);
        }

        return ordered;
    }
}
