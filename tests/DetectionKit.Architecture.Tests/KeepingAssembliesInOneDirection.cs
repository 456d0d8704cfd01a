using DetectionKit.Architecture.Tests.Support;

namespace DetectionKit.Architecture.Tests;

/// <summary>
/// The assemblies depend on each other in one direction, rule API first: Scripting ← Engine ←
/// Tooling ← Cli. Checked twice: the project references the .csproj files declare, and the
/// assemblies whose symbols the sources actually use.
/// </summary>
public sealed class KeepingAssembliesInOneDirection
{
    private static FirstPartyModel Model => FirstPartyModel.Repository;

    [Test]
    public void TheScriptingAssemblyReferencesNoOtherDetectionKitAssembly() =>
        AssertReferencesOnly("DetectionKit.Scripting");

    [Test]
    public void TheEngineReferencesOnlyTheScriptingAssembly() =>
        AssertReferencesOnly("DetectionKit.Engine", "DetectionKit.Scripting");

    [Test]
    public void ToolingReferencesTheEngineAndScriptingButNotTheCli() =>
        AssertReferencesOnly("DetectionKit.Tooling", "DetectionKit.Engine", "DetectionKit.Scripting");

    [Test]
    public void TheCheckSeesTheCliUseTheOtherAssemblies()
    {
        var used = Used("DetectionKit.Cli").Select(r => Model.ProjectOfAssembly(r.ToAssembly)).Distinct().Order(StringComparer.Ordinal);

        Assert.That(used, Is.EqualTo(new[] { "DetectionKit.Engine", "DetectionKit.Scripting", "DetectionKit.Tooling" }));
    }

    private static void AssertReferencesOnly(string project, params string[] allowed)
    {
        var declared = Model.Project(project).ProjectReferences.Where(r => !allowed.Contains(r));
        var used = Used(project)
            .Where(r => !allowed.Contains(Model.ProjectOfAssembly(r.ToAssembly)))
            .GroupBy(r => r.ToAssembly)
            .Select(g => $"{Model.ProjectOfAssembly(g.Key)}: {g.First().Symbol} at {g.First().Where} (and {g.Count() - 1} more)");

        Assert.Multiple(() =>
        {
            Assert.That(declared, Is.Empty, $"{project}.csproj may reference only: {string.Join(", ", allowed.DefaultIfEmpty("no DetectionKit project"))}");
            Assert.That(used, Is.Empty, $"{project} may use only: {string.Join(", ", allowed.DefaultIfEmpty("no DetectionKit assembly"))}");
        });
    }

    private static IEnumerable<SymbolReference> Used(string project)
    {
        var assembly = Model.Project(project).AssemblyName;
        return Model.References.Where(r => r.FromAssembly == assembly && r.ToAssembly != assembly);
    }
}
