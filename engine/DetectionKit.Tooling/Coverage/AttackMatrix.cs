namespace DetectionKit.Tooling.Coverage;

/// <summary>
/// The part of the MITRE ATT&amp;CK Enterprise matrix that CloudTrail can see: the eleven tactics of
/// the cloud (IaaS and identity provider) matrix and their techniques, with the sub-techniques
/// rules name. Written by hand from ATT&amp;CK <see cref="Version"/>; sub-techniques serve their
/// technique's tactics. Add a row when a rule names a technique that is missing: the coverage
/// report lists such ids as unknown.
/// </summary>
public static class AttackMatrix
{
    public const string Version = "ATT&CK Enterprise v16 (October 2024), cloud (IaaS, Identity Provider) techniques";

    private static readonly AttackTactic InitialAccess = new("TA0001", "initial-access", "Initial Access");
    private static readonly AttackTactic Execution = new("TA0002", "execution", "Execution");
    private static readonly AttackTactic Persistence = new("TA0003", "persistence", "Persistence");
    private static readonly AttackTactic PrivilegeEscalation = new("TA0004", "privilege-escalation", "Privilege Escalation");
    private static readonly AttackTactic DefenseEvasion = new("TA0005", "defense-evasion", "Defense Evasion");
    private static readonly AttackTactic CredentialAccess = new("TA0006", "credential-access", "Credential Access");
    private static readonly AttackTactic Discovery = new("TA0007", "discovery", "Discovery");
    private static readonly AttackTactic LateralMovement = new("TA0008", "lateral-movement", "Lateral Movement");
    private static readonly AttackTactic Collection = new("TA0009", "collection", "Collection");
    private static readonly AttackTactic Exfiltration = new("TA0010", "exfiltration", "Exfiltration");
    private static readonly AttackTactic Impact = new("TA0040", "impact", "Impact");

    /// <summary>The tactics in the matrix's left-to-right order.</summary>
    public static IReadOnlyList<AttackTactic> Tactics { get; } =
    [
        InitialAccess, Execution, Persistence, PrivilegeEscalation, DefenseEvasion, CredentialAccess, Discovery, LateralMovement, Collection, Exfiltration, Impact,
    ];

    private static readonly (string Id, string Name, AttackTactic[] Tactics)[] Techniques =
    [
        ("T1078", "Valid Accounts", [InitialAccess, Persistence, PrivilegeEscalation, DefenseEvasion]),
        ("T1078.001", "Default Accounts", []),
        ("T1078.004", "Cloud Accounts", []),
        ("T1190", "Exploit Public-Facing Application", [InitialAccess]),
        ("T1199", "Trusted Relationship", [InitialAccess]),
        ("T1133", "External Remote Services", [InitialAccess, Persistence]),
        ("T1566", "Phishing", [InitialAccess]),
        ("T1566.002", "Spearphishing Link", []),

        ("T1059", "Command and Scripting Interpreter", [Execution]),
        ("T1059.009", "Cloud API", []),
        ("T1648", "Serverless Execution", [Execution]),
        ("T1651", "Cloud Administration Command", [Execution]),
        ("T1204", "User Execution", [Execution]),
        ("T1204.003", "Malicious Image", []),
        ("T1609", "Container Administration Command", [Execution]),
        ("T1610", "Deploy Container", [Execution, DefenseEvasion]),
        ("T1053", "Scheduled Task/Job", [Execution, Persistence, PrivilegeEscalation]),
        ("T1053.007", "Container Orchestration Job", []),

        ("T1098", "Account Manipulation", [Persistence, PrivilegeEscalation]),
        ("T1098.001", "Additional Cloud Credentials", []),
        ("T1098.003", "Additional Cloud Roles", []),
        ("T1098.004", "SSH Authorized Keys", []),
        ("T1098.005", "Device Registration", []),
        ("T1098.006", "Additional Container Cluster Roles", []),
        ("T1136", "Create Account", [Persistence]),
        ("T1136.003", "Cloud Account", []),
        ("T1525", "Implant Internal Image", [Persistence]),
        ("T1556", "Modify Authentication Process", [Persistence, DefenseEvasion, CredentialAccess]),
        ("T1556.006", "Multi-Factor Authentication", []),
        ("T1556.007", "Hybrid Identity", []),
        ("T1556.009", "Conditional Access Policies", []),
        ("T1546", "Event Triggered Execution", [Persistence, PrivilegeEscalation]),

        ("T1548", "Abuse Elevation Control Mechanism", [PrivilegeEscalation, DefenseEvasion]),
        ("T1548.005", "Temporary Elevated Cloud Access", []),
        ("T1484", "Domain or Tenant Policy Modification", [PrivilegeEscalation, DefenseEvasion]),
        ("T1484.002", "Trust Modification", []),
        ("T1611", "Escape to Host", [PrivilegeEscalation]),

        ("T1562", "Impair Defenses", [DefenseEvasion]),
        ("T1562.001", "Disable or Modify Tools", []),
        ("T1562.007", "Disable or Modify Cloud Firewall", []),
        ("T1562.008", "Disable or Modify Cloud Logs", []),
        ("T1578", "Modify Cloud Compute Infrastructure", [DefenseEvasion]),
        ("T1578.001", "Create Snapshot", []),
        ("T1578.002", "Create Cloud Instance", []),
        ("T1578.003", "Delete Cloud Instance", []),
        ("T1578.004", "Revert Cloud Instance", []),
        ("T1578.005", "Modify Cloud Compute Configurations", []),
        ("T1535", "Unused/Unsupported Cloud Regions", [DefenseEvasion]),
        ("T1550", "Use Alternate Authentication Material", [DefenseEvasion, LateralMovement]),
        ("T1550.001", "Application Access Token", []),
        ("T1070", "Indicator Removal", [DefenseEvasion]),
        ("T1666", "Modify Cloud Resource Hierarchy", [DefenseEvasion]),
        ("T1211", "Exploitation for Defense Evasion", [DefenseEvasion]),

        ("T1110", "Brute Force", [CredentialAccess]),
        ("T1110.001", "Password Guessing", []),
        ("T1110.003", "Password Spraying", []),
        ("T1110.004", "Credential Stuffing", []),
        ("T1528", "Steal Application Access Token", [CredentialAccess]),
        ("T1552", "Unsecured Credentials", [CredentialAccess]),
        ("T1552.001", "Credentials In Files", []),
        ("T1552.005", "Cloud Instance Metadata API", []),
        ("T1552.007", "Container API", []),
        ("T1555", "Credentials from Password Stores", [CredentialAccess]),
        ("T1555.006", "Cloud Secrets Management Stores", []),
        ("T1606", "Forge Web Credentials", [CredentialAccess]),
        ("T1606.002", "SAML Tokens", []),
        ("T1621", "Multi-Factor Authentication Request Generation", [CredentialAccess]),
        ("T1040", "Network Sniffing", [CredentialAccess, Discovery]),

        ("T1087", "Account Discovery", [Discovery]),
        ("T1087.004", "Cloud Account", []),
        ("T1069", "Permission Groups Discovery", [Discovery]),
        ("T1069.003", "Cloud Groups", []),
        ("T1580", "Cloud Infrastructure Discovery", [Discovery]),
        ("T1538", "Cloud Service Dashboard", [Discovery]),
        ("T1526", "Cloud Service Discovery", [Discovery]),
        ("T1619", "Cloud Storage Object Discovery", [Discovery]),
        ("T1201", "Password Policy Discovery", [Discovery]),
        ("T1518", "Software Discovery", [Discovery]),
        ("T1518.001", "Security Software Discovery", []),
        ("T1046", "Network Service Discovery", [Discovery]),
        ("T1082", "System Information Discovery", [Discovery]),
        ("T1613", "Container and Resource Discovery", [Discovery]),
        ("T1654", "Log Enumeration", [Discovery]),
        ("T1614", "System Location Discovery", [Discovery]),

        ("T1021", "Remote Services", [LateralMovement]),
        ("T1021.004", "SSH", []),
        ("T1021.007", "Cloud Services", []),
        ("T1021.008", "Direct Cloud VM Connections", []),
        ("T1563", "Remote Service Session Hijacking", [LateralMovement]),

        ("T1530", "Data from Cloud Storage", [Collection]),
        ("T1213", "Data from Information Repositories", [Collection]),
        ("T1213.006", "Databases", []),
        ("T1119", "Automated Collection", [Collection]),
        ("T1074", "Data Staged", [Collection]),
        ("T1074.002", "Remote Data Staging", []),

        ("T1537", "Transfer Data to Cloud Account", [Exfiltration]),
        ("T1567", "Exfiltration Over Web Service", [Exfiltration]),
        ("T1567.002", "Exfiltration to Cloud Storage", []),
        ("T1048", "Exfiltration Over Alternative Protocol", [Exfiltration]),
        ("T1020", "Automated Exfiltration", [Exfiltration]),

        ("T1485", "Data Destruction", [Impact]),
        ("T1486", "Data Encrypted for Impact", [Impact]),
        ("T1490", "Inhibit System Recovery", [Impact]),
        ("T1491", "Defacement", [Impact]),
        ("T1491.002", "External Defacement", []),
        ("T1496", "Resource Hijacking", [Impact]),
        ("T1496.001", "Compute Hijacking", []),
        ("T1496.002", "Bandwidth Hijacking", []),
        ("T1496.004", "Cloud Service Hijacking", []),
        ("T1498", "Network Denial of Service", [Impact]),
        ("T1499", "Endpoint Denial of Service", [Impact]),
        ("T1531", "Account Access Removal", [Impact]),
        ("T1657", "Financial Theft", [Impact]),
    ];

    private static readonly Dictionary<string, AttackTechnique> ById = Build();

    /// <summary>Every technique and sub-technique in the table, in matrix order.</summary>
    public static IReadOnlyList<AttackTechnique> All { get; } = [.. Techniques.Select(t => ById[t.Id])];

    /// <summary>The techniques (not sub-techniques) listed under a tactic, in table order.</summary>
    public static IReadOnlyList<AttackTechnique> TechniquesOf(AttackTactic tactic) =>
        [.. All.Where(t => !t.IsSubTechnique && t.Tactics.Contains(tactic))];

    public static AttackTechnique? Find(string id) => ById.GetValueOrDefault(id.Trim().ToUpperInvariant());

    public static AttackTactic? TacticByShortName(string shortName) => Tactics.FirstOrDefault(t => t.ShortName == shortName);

    private static Dictionary<string, AttackTechnique> Build()
    {
        var result = new Dictionary<string, AttackTechnique>(StringComparer.Ordinal);
        foreach (var (id, name, tactics) in Techniques)
        {
            var parent = id.Contains('.', StringComparison.Ordinal) ? result[id[..id.IndexOf('.', StringComparison.Ordinal)]] : null;
            result.Add(id, new AttackTechnique(id, name, parent?.Tactics ?? tactics));
        }

        return result;
    }
}
