namespace DetectionKit.Tests.Shared;

/// <summary>A rules folder with a few packs, for tests of pack selection and pack files.</summary>
internal static class PackedRules
{
    /// <summary>aws/cloudtrail (one rule tagged tampering), aws/iam (and aws/iam/users below it), gcp.</summary>
    public static TempRulesDirectory Create()
    {
        var rules = new TempRulesDirectory();
        Add(rules, "aws/cloudtrail/stop", "aws.cloudtrail.stop", "[tampering]");
        Add(rules, "aws/iam/keys", "aws.iam.keys", "[]");
        Add(rules, "aws/iam/users/created", "aws.iam.users.created", "[]");
        Add(rules, "gcp/audit", "gcp.audit", "[]");
        Add(rules, "gcp/other", "gcp.other", "[]");
        return rules;
    }

    private static void Add(TempRulesDirectory rules, string name, string id, string tags) =>
        rules.AddRule(name, Scripts.MatchesSuccess, RuleYaml.Rule(id, extra: $"tags: {tags}\n"));
}
