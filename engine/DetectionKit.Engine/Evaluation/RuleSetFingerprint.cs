using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DetectionKit.Engine.Compilation;

namespace DetectionKit.Engine.Evaluation;

/// <summary>
/// A short hash of what a rule set evaluates: each enabled rule's id, YAML and script bytes, the shared
/// libraries of its rules root (by path relative to the root), and what settings bound to it (parameter
/// values, suppressions, severity override). Two processes with the same checkout and settings get the same
/// fingerprint on any machine, whatever folder they run in; workers sharing a state compare it to find a
/// peer running other rules, which would alert differently on the same objects.
/// </summary>
public static class RuleSetFingerprint
{
    public static string Of(RuleSet rules)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string? text)
        {
            var bytes = Encoding.UTF8.GetBytes(text ?? "\0null");
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }

        void AddFile(string path)
        {
            var bytes = File.Exists(path) ? File.ReadAllBytes(path) : [];
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }

        // The rules that run only as correlation steps decide alerts too.
        Add((rules.Rules.Count + rules.StepRules.Count).ToString(CultureInfo.InvariantCulture));
        foreach (var rule in rules.Rules.Concat(rules.StepRules))
        {
            Add(rule.Id);
            AddFile(rule.Definition.YamlPath);
            AddFile(rule.Definition.ScriptPath);
            foreach (var (name, value) in rule.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Add(name);
                Add(JsonSerializer.Serialize(value));
            }

            foreach (var suppression in rule.Suppressions)
            {
                Add(suppression.Suppression.Reason);
                Add(suppression.Suppression.When);
            }

            Add(rule.SeverityOverride?.ToString());
        }

        foreach (var root in rules.Rules.Select(r => r.Definition.RulesRoot).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            foreach (var library in ScriptLibraries.Files(root))
            {
                Add(Path.GetRelativePath(root, library).Replace('\\', '/'));
                AddFile(library);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
