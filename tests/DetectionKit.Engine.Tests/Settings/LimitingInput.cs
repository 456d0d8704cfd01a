using System.IO.Compression;
using System.Text;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Running;
using DetectionKit.Engine.Sources;
using DetectionKit.Engine.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Settings;

public sealed class LimitingInput
{
    [Test]
    public void WithoutAnInputSectionTheDefaultLimitsApply()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);

        var selection = RuleSelector.Load(rules.Root).Select([], []);

        Assert.That(selection!.ReadLimits, Is.EqualTo(ReadLimits.Default));
    }

    [Test]
    public async Task AnObjectThatExpandsPastTheSettingsLimitIsReportedAndTheNextFileStillAlerts()
    {
        using var rules = new TempRulesDirectory();
        rules.AddRule("rule", Scripts.MatchesSuccess);
        var settings = rules.Write("org.settings.yml", "input:\n  maxObjectMiB: 1\n  maxRecordMiB: 1\n");
        var bomb = rules.Write("input/a-bomb.json.gz", Bomb(megabytes: 8));
        rules.Write("input/b-good.json", Some.Delivery(Some.Record(eventId: "good")));

        var selection = RuleSelector.Load(rules.Root, settings).Select([], [])!;
        using var sources = RunSources.Open([rules.PathOf("input")], _ => throw new InvalidOperationException(), null, () => Stream.Null, out _, selection.ReadLimits)!;
        var (summary, alerts) = await Pipeline.RunAsync(selection.Rules, sources.Source);

        Assert.That(selection.ReadLimits, Is.EqualTo(new ReadLimits { MaxObjectBytes = 1L << 20, MaxRecordBytes = 1 << 20 }));
        Assert.That(alerts.Single().EventIds, Is.EqualTo(new[] { "good" }));
        var problem = summary.InputProblems.Single();
        Assert.That(problem.Code, Is.EqualTo(DiagnosticCodes.InputUnreadable));
        Assert.That(problem.Location.Path, Is.EqualTo(bomb));
        Assert.That(problem.Message, Does.StartWith("expands past 1 MiB"));
    }

    /// <summary>A small gzip of a valid delivery that expands to many megabytes: one record padded with spaces.</summary>
    private static byte[] Bomb(int megabytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write("{\"Records\":[{\"eventName\":\"StopLogging\","u8);
            var spaces = Encoding.ASCII.GetBytes(new string(' ', 1024 * 1024));
            for (var i = 0; i < megabytes; i++)
            {
                gzip.Write(spaces);
            }

            gzip.Write("\"eventID\":\"bomb\"}]}"u8);
        }

        return output.ToArray();
    }
}
