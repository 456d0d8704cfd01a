using System.Diagnostics;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Loading;

namespace DetectionKit.Benchmarks;

/// <summary>Load and compile N generated rules: the cost of starting a run or a test.</summary>
internal static class CompileBenchmark
{
    public static void Run(int count)
    {
        var directory = Path.Combine(Path.GetTempPath(), "detectionkit-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Generate(directory, count);

            // The first compilation pays for loading Roslyn and the reference assemblies once per process.
            var warm = Stopwatch.StartNew();
            RuleCompiler.Compile(RuleLoader.Load(directory).Rules.Take(1).ToList());
            warm.Stop();

            var load = Stopwatch.StartNew();
            var loaded = RuleLoader.Load(directory);
            load.Stop();
            var compile = Stopwatch.StartNew();
            var compiled = RuleCompiler.Compile(loaded.Rules);
            compile.Stop();
            if (compiled.Rules.Count != count)
            {
                throw new InvalidOperationException($"expected {count} compiled rules, got {compiled.Rules.Count}: {string.Join("; ", compiled.Diagnostics.Take(3))}");
            }

            Console.WriteLine($"compile: {count} rules; first compilation in process {warm.ElapsedMilliseconds} ms; load {load.ElapsedMilliseconds} ms; one compilation of all {compile.ElapsedMilliseconds} ms ({compile.Elapsed.TotalMilliseconds / count:F2} ms/rule)");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Generate(string directory, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var pack = Path.Combine(directory, $"pack{i % 10}");
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
