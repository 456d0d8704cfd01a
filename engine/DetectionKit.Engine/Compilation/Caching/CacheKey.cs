using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DetectionKit.Engine.Rules;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Compilation.Caching;

/// <summary>
/// The name of a cache entry: a SHA-256 over every input of a compilation, so that any change to one
/// is a different entry. The inputs are each rule's id, YAML and script (path and bytes) in the order
/// compiled, every shared library of each rules root (path and bytes), the suppressions and budget an
/// organisation's settings give, the engine (the identities of the engine and rule-API assemblies and
/// of every assembly the engine references, the compiler among them, and the runtime), the compiler
/// options, and the working directory (some messages name paths relative to it).
/// </summary>
internal static class CacheKey
{
    /// <summary>Bumped whenever the entry format or what the key covers changes.</summary>
    public const int FormatVersion = 1;

    private static readonly Lazy<byte[]> Engine = new(EngineIdentity);

    /// <summary>What identifies this build of the engine, the rule API, their references and the runtime.</summary>
    public static byte[] CurrentEngine => Engine.Value;

    public static string Compute(byte[] engine, IReadOnlyList<RuleDefinition> rules, EvaluationBudget? budget, Func<string, IReadOnlyList<RuleSuppression>>? suppressions)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var writer = new KeyWriter(hash);
        writer.Add(FormatVersion);
        writer.Add(engine.Length);
        hash.AppendData(engine);
        writer.Add(Environment.CurrentDirectory);
        writer.Add(rules.Count);
        foreach (var rule in rules)
        {
            writer.Add(rule.Id);
            writer.Add(rule.RulesRoot);
            writer.AddFile(rule.YamlPath);
            writer.AddFile(rule.ScriptPath);
            var ruleSuppressions = suppressions?.Invoke(rule.Id) ?? [];
            writer.Add(ruleSuppressions.Count);
            foreach (var suppression in ruleSuppressions)
            {
                writer.Add(suppression.Reason);
                writer.Add(suppression.When);
                writer.Add(suppression.WhenLocation?.ToString());
                writer.Add(suppression.Location.ToString());
            }
        }

        foreach (var root in rules.Select(r => r.RulesRoot).Distinct(StringComparer.Ordinal))
        {
            var libraries = ScriptLibraries.Files(root);
            writer.Add(root);
            writer.Add(libraries.Count);
            foreach (var library in libraries)
            {
                writer.AddFile(library);
            }
        }

        var limits = budget ?? EvaluationBudget.Default;
        writer.Add(string.Create(CultureInfo.InvariantCulture, $"{limits.MaxSteps}/{limits.MaxCallDepth}/{limits.MaxAllocatedBytes}/{limits.MaxWallClock.Ticks}/{limits.RegexTimeout.Ticks}"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A rebuilt engine, rule API, compiler or runtime never reuses an entry.</summary>
    private static byte[] EngineIdentity()
    {
        var engine = typeof(CacheKey).Assembly;
        var text = new StringBuilder()
            .Append(engine.ManifestModule.ModuleVersionId).Append('\n')
            .Append(typeof(CloudTrailEvent).Assembly.ManifestModule.ModuleVersionId).Append('\n')
            .Append(Environment.Version).Append('\n')
            .Append(CompilerSettings.Description).Append('\n');
        foreach (var reference in engine.GetReferencedAssemblies().Select(a => a.FullName).Order(StringComparer.Ordinal))
        {
            text.Append(reference).Append('\n');
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Length-prefixed fields, so that no two different lists of inputs hash alike.</summary>
    private readonly struct KeyWriter(IncrementalHash hash)
    {
        public void Add(int value) => hash.AppendData(BitConverter.GetBytes(value));

        public void Add(string? value)
        {
            if (value is null)
            {
                Add(-1);
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(value);
            Add(bytes.Length);
            hash.AppendData(bytes);
        }

        public void AddFile(string path)
        {
            Add(path);
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The compiler reports a file it cannot read; the key only needs to differ from a readable one.
                Add(-2);
                return;
            }

            Add(bytes.Length);
            hash.AppendData(bytes);
        }
    }
}
