using System.Text;
using System.Text.RegularExpressions;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;
using DetectionKit.Engine.Packs;
using DetectionKit.Engine.Rules;
using DetectionKit.Engine.Scheduling;
using DetectionKit.Engine.Settings;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Fuzzing;

/// <summary>
/// Seeded mutations of the shipped rules (with their cases' files), the shipped pack, the README's
/// schedule and the example settings, loaded by their own loaders in a copy of the repository: no
/// exception, no hang, bounded memory, and a file that is refused is refused with an error naming it.
/// </summary>
public sealed partial class FuzzingYamlLoaders
{
    /// <summary>A file of <see cref="YamlLimits.DefaultMaxNodes"/> values, each a schema violation, costs about 100 MiB to validate and report.</summary>
    private const long YamlAllocationLimit = 160L * 1024 * 1024;

    private string repository = null!;
    private IReadOnlyList<string> ruleFiles = null!;
    private IReadOnlyList<string> packFiles = null!;
    private byte[] schedule = null!;
    private byte[] settings = null!;
    private IReadOnlyList<RuleDefinition> shippedRules = null!;

    [OneTimeSetUp]
    public void CopyTheRepository()
    {
        // A copy, so case files resolve (fixtures/ beside rules/) and mutations never touch the real files.
        repository = Directory.CreateTempSubdirectory("detectionkit-fuzz-").FullName;
        Copy(RepositoryPaths.Rules, Path.Combine(repository, "rules"));
        Copy(RepositoryPaths.Fixtures, Path.Combine(repository, "fixtures"));
        ruleFiles = RuleLoader.FindRuleFiles(Path.Combine(repository, "rules"));
        packFiles = Directory.GetFiles(Path.Combine(repository, "rules"), "*.pack.yml", SearchOption.AllDirectories);
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        schedule = Encoding.UTF8.GetBytes(ScheduleExample().Match(readme).Groups[1].Value);
        settings = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "docs", "example.settings.yml"));
        shippedRules = RuleLoader.Load(RepositoryPaths.Rules).Rules;
        Assert.That(ruleFiles, Is.Not.Empty);
        Assert.That(packFiles, Is.Not.Empty);
        Assert.That(schedule, Is.Not.Empty, "the README's schedule example is a seed");
    }

    [OneTimeTearDown]
    public void DeleteTheCopy() => Directory.Delete(repository, recursive: true);

    [Test]
    public void MutatedYamlIsLoadedOrRefusedNeverThrown() =>
        FuzzRun.Cases("yaml", 800, (index, random) =>
        {
            var mutator = new Mutator(random, yaml: true);
            var kind = random.Next(20) switch
            {
                < 11 => "rule",
                < 14 => "pack",
                < 17 => "schedule",
                _ => "settings",
            };
            var (path, seed) = Seed(kind, random);
            var original = File.Exists(path) ? File.ReadAllBytes(path) : null;
            var bytes = mutator.Mutate(seed, Seed(kind, random).Bytes);
            File.WriteAllBytes(path, bytes);
            if (FuzzRun.Replaying)
            {
                File.WriteAllBytes(Path.Combine(Path.GetTempPath(), $"detectionkit-fuzz-yaml-{index}{Path.GetExtension(path)}"), bytes);
            }

            try
            {
                var problems = new List<Diagnostic>();
                var before = GC.GetAllocatedBytesForCurrentThread();
                var loaded = Load(kind, path, problems);
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                return new FuzzCase($"{kind} {Path.GetFileName(path)}, {mutator.Applied}, {bytes.Length:N0} bytes", Problem(kind, path, loaded, problems) ?? FuzzRun.Allocation(allocated, YamlAllocationLimit));
            }
            finally
            {
                if (original is null)
                {
                    File.Delete(path);
                }
                else
                {
                    File.WriteAllBytes(path, original);
                }
            }
        });

    /// <summary>What broke: an unclear diagnostic, one naming another file, or a refusal without an error naming the file.</summary>
    private static string? Problem(string kind, string path, bool loaded, IReadOnlyList<Diagnostic> problems)
    {
        foreach (var problem in problems)
        {
            if (string.IsNullOrWhiteSpace(problem.Message) || problem.Message.Contains("   at ", StringComparison.Ordinal))
            {
                return $"not a clear diagnostic: {problem}";
            }

            // A schedule's problems may concern a file it names (its settings); the others concern the file itself.
            if (kind != "schedule" && problem.Location.Path != path)
            {
                return $"a problem names {problem.Location.Path}, not {path}: {problem}";
            }
        }

        return loaded || problems.Any(p => p.IsError && p.Location.Path == path) ? null : "refused without an error naming the file";
    }

    private bool Load(string kind, string path, List<Diagnostic> problems) => kind switch
    {
        "rule" => RuleFileParser.Parse(path, Path.Combine(repository, "rules"), problems) is not null,
        "pack" => PackFileParser.Parse(path, Path.Combine(repository, "rules"), problems) is not null,
        "schedule" => ScheduleConfigParser.Parse(path, problems) is not null,
        _ => SettingsFileReader.Read(path, shippedRules, problems) is not null,
    };

    /// <summary>Where the mutated file is written, and the seed it mutates.</summary>
    private (string Path, byte[] Bytes) Seed(string kind, Random random)
    {
        switch (kind)
        {
            case "rule":
                var rule = ruleFiles[random.Next(ruleFiles.Count)];
                return (rule, File.ReadAllBytes(rule));
            case "pack":
                var pack = packFiles[random.Next(packFiles.Count)];
                return (pack, File.ReadAllBytes(pack));
            case "schedule":
                return (Path.Combine(repository, "fuzz.schedule.yml"), schedule);
            default:
                return (Path.Combine(repository, "fuzz.settings.yml"), settings);
        }
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [GeneratedRegex("```yaml\\n(# yaml-language-server: \\$schema=schedule\\.schema\\.json\\n.*?)```", RegexOptions.Singleline)]
    private static partial Regex ScheduleExample();
}
