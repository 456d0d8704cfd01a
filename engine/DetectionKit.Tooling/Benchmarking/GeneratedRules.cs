using System.Globalization;

namespace DetectionKit.Tooling.Benchmarking;

/// <summary>
/// Writes N small, valid rules in ten packs: each a YAML file with a match and two cases, and a script
/// with a collection, a title and an alert context, so that loading and compiling them costs what a
/// real pack of that size costs.
/// </summary>
public static class GeneratedRules
{
    public static void Write(string directory, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0; i < count; i++)
        {
            var pack = Path.Combine(directory, "pack" + (i % 10).ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(pack);
            File.WriteAllText(Path.Combine(pack, $"rule{i}.yml"), $$"""
                id: bench.rule{{i}}
                title: Generated rule {{i}}
                severity: low
                match:
                  eventName: Call{{i}}
                tests:
                  - { name: yes, expect: true, event: { eventName: Call{{i}}, requestParameters: { name: x } } }
                  - { name: no, expect: false, event: { eventName: Call{{i}} } }
                """);
            File.WriteAllText(Path.Combine(pack, $"rule{i}.csx"), $$"""
                static readonly IReadOnlyList<string> Names = ["x", "y{{i}}"];

                bool Rule(CloudTrailEvent e) => e.IsSuccess && Names.Contains(e.RequestParameter("name"));

                string Title(CloudTrailEvent e) => $"rule {{i}} by {e.ActorName}";

                object AlertContext(CloudTrailEvent e) => new { name = e.RequestParameter("name"), ip = e.SourceIPAddress };
                """);
        }
    }
}
