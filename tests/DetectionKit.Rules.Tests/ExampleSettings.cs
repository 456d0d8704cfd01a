using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Validation;

namespace DetectionKit.Rules.Tests;

/// <summary>The example settings file the README points to holds against the shipped rules: names, values, suppressions that compile.</summary>
public sealed class ExampleSettings
{
    private static string Example => Path.Combine(RepositoryPaths.Root, "docs", "example.settings.yml");

    [Test]
    public void TheExampleSettingsFileIsValidForTheShippedRules()
    {
        var report = RuleValidation.Validate(RepositoryPaths.Rules, settingsPath: Example);

        var problems = report.Diagnostics.Where(d => d.IsError || d.Location.Path == Example).Select(d => d.ToString()).ToList();
        Assert.That(problems, Is.Empty, () => string.Join("\n", problems));
    }

    [Test]
    public void TheExampleStartsWithTheSchemaHeaderForEditors()
    {
        var first = File.ReadLines(Example).First();

        Assert.That(first, Is.EqualTo("# yaml-language-server: $schema=../settings.schema.json"));
        Assert.That(File.Exists(Path.Combine(RepositoryPaths.Root, "settings.schema.json")), Is.True);
    }
}
