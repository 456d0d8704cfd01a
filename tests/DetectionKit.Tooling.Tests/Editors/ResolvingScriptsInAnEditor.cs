using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Editors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace DetectionKit.Tooling.Tests.Editors;

/// <summary>
/// No editor runs here, so this does what OmniSharp does with the generated setup: it reads the
/// response file the way OmniSharp does (<c>CSharpCommandLineParser.Script</c>), takes the target
/// framework's reference assemblies (OmniSharp's NuGet mode with <c>defaultTargetFramework</c>), parses
/// each shipped script as a script at the language version OmniSharp's compiler speaks, resolves
/// <c>#load</c> relative to the file, and checks that every name resolves: CloudTrailEvent to the rule API.
/// </summary>
public sealed class ResolvingScriptsInAnEditor
{
    // OmniSharp 1.39 ships Roslyn 4.14: C# 13. A script using a newer feature would show errors there.
    private static readonly CSharpParseOptions EditorParseOptions = new(LanguageVersion.CSharp13, DocumentationMode.Parse, SourceCodeKind.Script);

    private static readonly Lazy<(string Workspace, IReadOnlyList<MetadataReference> References, IReadOnlyList<string> Usings)> Editor = new(Setup);

    public static IEnumerable<TestCaseData> ShippedScripts() =>
        Directory.EnumerateFiles(RepositoryPaths.Rules, "*.csx", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(path).SetName($"{{m}}: {Path.GetRelativePath(RepositoryPaths.Rules, path)}"));

    [TestCaseSource(nameof(ShippedScripts))]
    public void AShippedScriptResolvesWithTheGeneratedSetup(string path)
    {
        var (compilation, tree) = Compile(path, Editor.Value.References, Editor.Value.Usings);

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.That(errors, Is.Empty, () => string.Join("\n", errors));
        var model = compilation.GetSemanticModel(tree);
        var named = tree.GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>().FirstOrDefault(n => n.Identifier.Text == "CloudTrailEvent");
        if (named is not null)
        {
            var type = model.GetSymbolInfo(named).Symbol;
            Assert.That(type?.ContainingAssembly?.Name, Is.EqualTo("DetectionKit.Scripting"), "CloudTrailEvent is the rule API's");
        }
    }

    [Test]
    public void WithoutTheGeneratedSetupTheRuleApiDoesNotResolve()
    {
        var script = Path.Combine(RepositoryPaths.Rules, "aws", "cloudtrail", "logging-stopped.csx");

        var (compilation, _) = Compile(script, Editor.Value.References.Where(r => !r.Display!.Contains("DetectionKit.Scripting", StringComparison.Ordinal)).ToList(), Editor.Value.Usings);

        Assert.That(compilation.GetDiagnostics().Select(d => d.Id), Has.Member("CS0246"), "the setup is what makes CloudTrailEvent resolve");
    }

    [Test]
    public void TheSetupWritesTheResponseFileAndTheEditorSettings()
    {
        var workspace = Editor.Value.Workspace;

        Assert.That(File.ReadAllText(Path.Combine(workspace, "omnisharp.json")), Does.Contain("\"rspFilePath\": \".detectionkit/editor/scripts.rsp\""));
        Assert.That(File.ReadAllText(Path.Combine(workspace, ".vscode", "settings.json")), Does.Contain("\"dotnet.server.useOmnisharp\": true"));
        Assert.That(File.Exists(Path.Combine(workspace, EditorSetupWriter.Folder, "DetectionKit.Scripting.dll")), Is.True);
        Assert.That(File.Exists(Path.Combine(workspace, EditorSetupWriter.Folder, "DetectionKit.Scripting.xml")), Is.True, "hover documentation");
    }

    [Test]
    public void SettingsAlreadyThereAreKeptAndACommentedFileIsLeftAlone()
    {
        var workspace = Directory.CreateTempSubdirectory("detectionkit-editor-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(workspace, ".vscode"));
            File.WriteAllText(Path.Combine(workspace, ".vscode", "settings.json"), "{ // mine\n  \"editor.tabSize\": 2 }\n");
            File.WriteAllText(Path.Combine(workspace, "omnisharp.json"), "{ \"FormattingOptions\": { \"IndentationSize\": 2 } }\n");

            var setup = EditorSetupWriter.Write(workspace);

            Assert.That(File.ReadAllText(Path.Combine(workspace, ".vscode", "settings.json")), Is.EqualTo("{ // mine\n  \"editor.tabSize\": 2 }\n"));
            Assert.That(setup.Warnings.Single(), Does.Contain("has comments"));
            Assert.That(File.ReadAllText(Path.Combine(workspace, "omnisharp.json")), Does.Contain("IndentationSize").And.Contain("rspFilePath"));
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }

    private static (CSharpCompilation Compilation, SyntaxTree Tree) Compile(string path, IReadOnlyList<MetadataReference> references, IReadOnlyList<string> usings)
    {
        var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(path), EditorParseOptions, path);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: usings)
            .WithSourceReferenceResolver(ScriptSourceResolver.Default.WithBaseDirectory(Path.GetDirectoryName(path)!))
            .WithMetadataReferenceResolver(ScriptMetadataResolver.Default);
        return (CSharpCompilation.CreateScriptCompilation("editor", tree, references, options), tree);
    }

    private static (string, IReadOnlyList<MetadataReference>, IReadOnlyList<string>) Setup()
    {
        var workspace = Directory.CreateTempSubdirectory("detectionkit-editor-").FullName;
        EditorSetupWriter.Write(workspace);
        var rsp = Path.Combine(workspace, EditorSetupWriter.ResponseFile);
        var parsed = CSharpCommandLineParser.Script.Parse(["@" + rsp], workspace, sdkDirectory: null);
        Assert.That(parsed.Errors, Is.Empty);
        var references = parsed.ResolveMetadataReferences(ScriptMetadataResolver.Default.WithBaseDirectory(workspace)).ToList();
        Assert.That(references.OfType<UnresolvedMetadataReference>(), Is.Empty);
        references.AddRange(TargetFrameworkReferences().Select(p => MetadataReference.CreateFromFile(p)));
        return (workspace, references, parsed.CompilationOptions.Usings);
    }

    /// <summary>The reference assemblies of the SDK's targeting pack for the target framework, as OmniSharp's NuGet mode resolves them.</summary>
    private static IEnumerable<string> TargetFrameworkReferences()
    {
        var runtime = new DirectoryInfo(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
        var dotnetRoot = runtime.Parent!.Parent!.Parent!.FullName;
        var pack = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var version = Directory.EnumerateDirectories(pack)
            .Where(d => Path.GetFileName(d).StartsWith("10.", StringComparison.Ordinal))
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
            .First();
        return Directory.EnumerateFiles(Path.Combine(version, "ref", EditorSetupWriter.TargetFramework), "*.dll");
    }
}
