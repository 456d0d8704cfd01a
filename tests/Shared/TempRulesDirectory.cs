using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Loading;

namespace DetectionKit.Tests.Shared;

/// <summary>A rules root in a fresh temporary directory, deleted with everything in it on dispose.</summary>
internal sealed class TempRulesDirectory : IDisposable
{
    public TempRulesDirectory() => Root = Directory.CreateTempSubdirectory("detectionkit-tests-").FullName;

    public string Root { get; }

    /// <summary>The full path of a file given relative to the root with '/' separators.</summary>
    public string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public string Write(string relativePath, string text) => Write(relativePath, System.Text.Encoding.UTF8.GetBytes(text));

    public string Write(string relativePath, byte[] bytes)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Writes <c>name.yml</c> (by default a valid rule whose id is the name) and <c>name.csx</c>.</summary>
    public void AddRule(string name, string script, string? yaml = null)
    {
        Write(name + ".yml", yaml ?? RuleYaml.Rule(id: name.Replace('/', '.')));
        Write(name + ".csx", script);
    }

    public bool Exists(string relativePath) => File.Exists(PathOf(relativePath));

    public string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public void Delete(string relativePath) => File.Delete(PathOf(relativePath));

    public RuleLoadResult Load() => RuleLoader.Load(Root);

    /// <summary>Loads (which must succeed) and compiles every rule.</summary>
    public RuleCompilationResult Compile()
    {
        var loaded = Load();
        Assert.That(loaded.Diagnostics.Where(d => d.IsError), Is.Empty, "the rules of this test should load");
        return RuleCompiler.Compile(loaded.Rules);
    }

    /// <summary>Compiles the only rule, which must compile.</summary>
    public CompiledRule CompileSingle()
    {
        var result = Compile();
        Assert.That(result.Diagnostics.Where(d => d.IsError), Is.Empty, "the rule of this test should compile");
        return result.Rules.Single();
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
