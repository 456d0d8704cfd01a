using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Importing.Sigma;

namespace DetectionKit.Tooling.Tests.Importing.Sigma;

/// <summary>
/// Every Sigma sample in docs/examples/sigma converts to exactly the rule YAML and script (or the
/// diagnostics) verified beside this file. A difference writes <c>*.received.*</c> beside the verified
/// file: review it, and copy it over the verified one when the change is meant.
/// </summary>
public sealed class ConvertingTheSamples
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "docs", "examples", "sigma");

    private static readonly string Verified = Path.Combine(RepositoryPaths.Root, "tests", "DetectionKit.Tooling.Tests", "Importing", "Sigma", "verified");

    public static IEnumerable<string> SampleNames() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs", "examples", "sigma"), "*.yml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(SampleNames))]
    public void TheSampleConvertsAsVerified(string sample)
    {
        var source = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(Samples, sample + ".yml"));
        var name = SigmaImporter.RuleName(source);

        var conversion = new SigmaConverter().Convert(source, "sigma." + name, "../../rules.schema.json");

        var diagnostics = string.Concat(conversion.Diagnostics.Select(d => d.ToString().Replace(source, sample + ".yml", StringComparison.Ordinal) + "\n"));
        var mismatches = new List<string>();
        Compare(sample + ".diagnostics.txt", diagnostics, mismatches);
        if (conversion.Outcome == SigmaOutcome.Converted)
        {
            Compare(name + ".yml", conversion.Yaml!, mismatches);
            Compare(name + ".csx", conversion.Script!, mismatches);
        }
        else
        {
            Assert.That(conversion.Yaml, Is.Null, "nothing is written for a rule that does not convert");
            Assert.That(File.Exists(Path.Combine(Verified, name + ".yml")), Is.False, $"{name}.yml is verified, but the sample no longer converts");
        }

        Assert.That(mismatches, Is.Empty, "outputs differ from the verified files; review the .received files beside them");
    }

    [Test]
    public void TheSamplesCoverConvertedSkippedAndFailedRules()
    {
        var outcomes = SampleNames()
            .Select(s => new SigmaConverter().Convert(Path.Combine(Samples, s + ".yml"), "sigma." + SigmaImporter.RuleName(s), "../../rules.schema.json").Outcome)
            .GroupBy(o => o)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.That(outcomes, Is.EquivalentTo(new Dictionary<SigmaOutcome, int> { [SigmaOutcome.Converted] = 9, [SigmaOutcome.Skipped] = 1, [SigmaOutcome.Failed] = 3 }));
    }

    private static void Compare(string file, string actual, List<string> mismatches)
    {
        var verified = Path.Combine(Verified, file);
        var received = Path.Combine(Verified, Path.GetFileNameWithoutExtension(file) + ".received" + Path.GetExtension(file));
        var expected = File.Exists(verified) ? File.ReadAllText(verified) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        mismatches.Add(expected is null ? $"{file}: no verified file (see {Path.GetFileName(received)})" : $"{file}: differs (see {Path.GetFileName(received)})");
    }
}
