using DetectionKit.Engine.Rules;

namespace DetectionKit.Tooling.Testing;

/// <summary>Where a rule's snapshots live: beside its YAML file, as Verify keeps them beside the test.</summary>
public static class SnapshotPaths
{
    extension(RuleDefinition rule)
    {
        /// <summary>Full path of the verified snapshot beside the YAML.</summary>
        public string VerifiedSnapshotPath => Path.ChangeExtension(rule.YamlPath, null) + ".verified.json";

        /// <summary>Full path of the received snapshot written on a mismatch.</summary>
        public string ReceivedSnapshotPath => Path.ChangeExtension(rule.YamlPath, null) + ".received.json";
    }
}
