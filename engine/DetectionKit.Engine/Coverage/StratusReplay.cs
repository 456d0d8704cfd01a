using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.Sources;

namespace DetectionKit.Engine.Coverage;

/// <summary>Replays each Stratus Red Team capture through the rule set and records which rules fired on it.</summary>
internal static class StratusReplay
{
    public static StratusCoverage Run(RuleSet rules, string directory, List<Diagnostic> diagnostics)
    {
        var techniques = new List<StratusTechnique>();
        var files = Directory.EnumerateFiles(directory, "aws.*.json").Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var parts = name.Split('.');
            using var batch = CloudTrailJsonReader.Read(file, File.ReadAllBytes(file));
            diagnostics.AddRange(batch.Problems);
            var caughtBy = new SortedSet<string>(StringComparer.Ordinal);
            var detections = 0;
            foreach (var e in batch.Events)
            {
                foreach (var rule in rules.CandidatesFor(e))
                {
                    var outcome = RuleEvaluator.Evaluate(rule, e);
                    diagnostics.AddRange(outcome.Errors.Select(error => error.ToDiagnostic()));
                    if (outcome.Detection is not null)
                    {
                        caughtBy.Add(rule.Id);
                        detections++;
                    }
                }
            }

            techniques.Add(new StratusTechnique(name, parts.Length > 2 ? parts[1] : "unknown", Path.GetFileName(file), batch.Events.Count, [.. caughtBy], detections));
        }

        return new StratusCoverage(Path.GetFullPath(directory), techniques);
    }
}
