using DetectionKit.Tests.Shared;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>
/// Two rules with parameters, for settings files to set: <c>trust</c> (knownAccounts, ownEgress) and
/// <c>egress</c> (ownEgress, many), both on <c>StopLogging</c>.
/// </summary>
internal static class OrganisationRules
{
    public const string TrustYaml = """
        parameters:
          knownAccounts: { type: accountIds, description: Accounts trusted on purpose., default: [] }
          ownEgress: { type: cidrs, description: Our NAT addresses., default: [] }

        """;

    public const string EgressYaml = """
        parameters:
          ownEgress: { type: cidrs, description: Our NAT addresses., default: [] }
          many: { type: number, description: How many., default: 20 }

        """;

    public static TempRulesDirectory Create()
    {
        var rules = new TempRulesDirectory();
        rules.AddRule("trust", """
            bool Rule(CloudTrailEvent e) =>
                e.IsSuccess && !Parameters.AccountIds("knownAccounts").Contains(e.RecipientAccountId) && !e.SourceAddress.IsIn(Parameters.Cidrs("ownEgress"));

            AlertSeverity Severity(CloudTrailEvent e) => AlertSeverity.Critical;

            string Title(CloudTrailEvent e) => $"{e.EventName} by {e.ActorName}";
            """, RuleYaml.Rule("trust", extra: TrustYaml));
        rules.AddRule("egress", """
            bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.SourceAddress.IsIn(Parameters.Cidrs("ownEgress")) && Parameters.Number("many") > 0;
            """, RuleYaml.Rule("egress", extra: EgressYaml));
        return rules;
    }
}
