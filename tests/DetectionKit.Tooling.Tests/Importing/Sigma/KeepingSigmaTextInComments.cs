using DetectionKit.Tests.Shared;
using DetectionKit.Tooling.Importing.Sigma;

namespace DetectionKit.Tooling.Tests.Importing.Sigma;

/// <summary>
/// A Sigma rule's title, id and condition are quoted in comments of the script written for it; C# also
/// ends a <c>//</c> comment at U+0085, U+2028 and U+2029, so a title carrying one could step out of the
/// comment into code that a reviewer's diff shows as part of the comment.
/// </summary>
public sealed class KeepingSigmaTextInComments
{
    [TestCase("\u2028")]
    [TestCase("\u2029")]
    [TestCase("\u0085")]
    [TestCase("\r")]
    public void NothingInTheTitleLeavesItsCommentLine(string separator)
    {
        using var rules = new TempRulesDirectory();
        var sigma = Directory.CreateTempSubdirectory("detectionkit-sigma-").FullName;
        try
        {
            var title = $"Trail stopped{separator}static bool Sneaky = true;";
            File.WriteAllText(Path.Combine(sigma, "sneaky.yml"), $"title: \"{title.Replace("\u2028", "\\L", StringComparison.Ordinal).Replace("\u2029", "\\P", StringComparison.Ordinal).Replace("\u0085", "\\N", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal)}\"\nlogsource: {{ product: aws, service: cloudtrail }}\ndetection:\n  selection: {{ eventName: StopLogging }}\n  condition: selection\n");

            var report = SigmaImporter.Import(new SigmaImportOptions(sigma, rules.Root));

            Assert.That(report.Files.Single().Outcome, Is.EqualTo(SigmaOutcome.Converted));
            var script = rules.Read("sigma/sneaky.csx");
            var line = script.Split('\n').Single(l => l.Contains("Sneaky", StringComparison.Ordinal));
            Assert.That(line, Does.StartWith("// Imported by"));
            Assert.That(line.IndexOfAny(['\u2028', '\u2029', '\u0085', '\r']), Is.EqualTo(-1));
        }
        finally
        {
            Directory.Delete(sigma, recursive: true);
        }
    }
}
