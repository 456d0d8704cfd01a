namespace DetectionKit.Tooling.Generation.World;

/// <summary>
/// The small organisation the traffic happens in: three workload accounts and a security account
/// (IAM Identity Center, GuardDuty administrator, the CI user), the people who work in it and the
/// outside parties it trusts. Names are fixed; ids, addresses and resource ids come from the seed.
/// </summary>
internal sealed class Organization
{
    /// <summary>Addresses from the documentation ranges (RFC 5737): offices, homes and the vendor are fictional.</summary>
    public static readonly IReadOnlyList<string> OfficeIps = ["203.0.113.10", "203.0.113.11", "203.0.113.74"];

    /// <summary>Egress of the hosted CI runners.</summary>
    public static readonly IReadOnlyList<string> CiRunnerIps = ["20.161.74.98", "172.200.31.6", "4.227.160.40", "20.57.43.190"];

    public const string VendorAccountId = "609844551137";

    public static readonly IReadOnlyList<string> VendorIps = ["198.51.100.21", "198.51.100.22", "198.51.100.87"];

    /// <summary>A security vendor onboarded now and then through its CloudFormation template: an integration role it assumes with an external id.</summary>
    public const string SecurityVendorAccountId = "464622532012";

    /// <summary>The organisation's management account, where Control Tower runs; its own traffic is not part of this trail.</summary>
    public const string ManagementAccountId = "190446857312";

    /// <summary>The services whose calls go through the production VPC's endpoints.</summary>
    private static readonly string[] AllEndpoints = ["s3", "kms", "secretsmanager", "ssm", "sts", "logs", "ecr", "dynamodb", "monitoring"];

    private Organization(string id, IReadOnlyList<Account> accounts, Account sandbox, IReadOnlyList<Person> people, string identityStoreId)
    {
        Id = id;
        Accounts = accounts;
        Sandbox = sandbox;
        People = people;
        IdentityStoreId = identityStoreId;
    }

    public string Id { get; }

    public IReadOnlyList<Account> Accounts { get; }

    /// <summary>The accounts that run applications (all but security).</summary>
    public IReadOnlyList<Account> Workloads => [.. Accounts.Where(a => a.Environment != "security")];

    public Account Security => Accounts.Single(a => a.Environment == "security");

    /// <summary>
    /// A sandbox account Control Tower's Account Factory vends now and then: its baseline is the only
    /// traffic it has, so it is kept out of <see cref="Accounts"/>.
    /// </summary>
    public Account Sandbox { get; }

    public IReadOnlyList<Person> People { get; }

    public string IdentityStoreId { get; }

    public string IdentityStoreArn => $"arn:aws:identitystore::{Security.Id}:identitystore/{IdentityStoreId}";

    public static Organization Create(SeededRandom random, long seed)
    {
        var people = new List<Person>
        {
            NewPerson(random, "maria.garcia", ["AdministratorAccess", "PowerUserAccess"], iamUser: true, UserAgents.Safari, UserAgents.CliMac),
            NewPerson(random, "tom.becker", ["PowerUserAccess", "ReadOnlyAccess"], iamUser: true, UserAgents.Chrome, UserAgents.CliLinux),
            NewPerson(random, "aisha.khan", ["PowerUserAccess", "ReadOnlyAccess"], iamUser: true, UserAgents.Firefox, UserAgents.CliLinux),
            NewPerson(random, "jonas.weber", ["ReadOnlyAccess", "SecurityAudit"], iamUser: false, UserAgents.Chrome, UserAgents.CliMac),
            NewPerson(random, "priya.nair", ["AdministratorAccess", "ReadOnlyAccess"], iamUser: false, UserAgents.Edge, UserAgents.CliWindows),
            NewPerson(random, "sam.oconnor", ["ReadOnlyAccess", "PowerUserAccess"], iamUser: false, UserAgents.Chrome, UserAgents.CliMac),
            NewPerson(random, "lea.martin", ["SecurityAudit", "ReadOnlyAccess"], iamUser: false, UserAgents.Firefox, UserAgents.CliLinux),
        };

        // Production reaches every API it uses through VPC endpoints; staging has only the free
        // gateway endpoints (S3, DynamoDB), dev none, so their private subnets call AWS through the
        // NAT gateway, which in dev has a secondary public address.
        var accounts = new List<Account>
        {
            AccountBuilder.Build(random, seed, "405913287641", "prod", ["us-east-1", "eu-west-1"], ["54.210.33.17"], AllEndpoints, instances: 6,
                [new HostSpec("reporting-bi", "reporting-bi-instance-role", "Windows", "m6i.xlarge", null)],
                [IamUserFor(random, seed, "405913287641", people[0]), IamUserFor(random, seed, "405913287641", people[1])]),
            AccountBuilder.Build(random, seed, "618274930155", "staging", ["us-east-1"], ["52.6.140.212"], ["s3", "dynamodb"], instances: 3,
                [new HostSpec("partner-sftp", "partner-sftp-instance-role", "Linux", "t3.medium", "3.219.146.58")], [],
                extraBuckets: ["acme-staging-partner-inbound"]),
            AccountBuilder.Build(random, seed, "739162048357", "dev", ["eu-west-1", "us-east-1"], ["34.242.19.77", "34.249.88.203"], [], instances: 3,
                [new HostSpec("ios-build", "ios-build-agent-role", "MacOS", "mac2.metal", "52.211.40.157")],
                [IamUserFor(random, seed, "739162048357", people[2]), ServiceUser(random, seed, "739162048357", "legacy-reporting")],
                extraBuckets: ["acme-dev-ios-build-cache"]),
            AccountBuilder.Build(random, seed, "852037461928", "security", ["us-east-1"], ["44.206.117.9"], AllEndpoints, instances: 0, [],
                [ServiceUser(random, seed, "852037461928", "terraform-ci")]),
        };

        var sandbox = AccountBuilder.Build(random, seed, "276518340921", "sandbox", ["us-east-1"], ["18.208.61.240"], [], instances: 0, [], []);
        return new Organization("o-" + random.Hex(10), accounts, sandbox, people, "d-90" + random.Hex(8));
    }

    public Account Account(string environment) => Accounts.Single(a => a.Environment == environment);

    private static Person NewPerson(SeededRandom random, string userName, string[] permissionSets, bool iamUser, string browser, string cli) =>
        new(userName, $"{userName}@acme.example", $"90{random.Hex(8)}-{random.Hex(4)}-{random.Hex(4)}-{random.Hex(4)}-{random.Hex(12)}",
            $"192.0.2.{random.Between(20, 240)}", browser, cli, permissionSets, iamUser);

    private static IamUser IamUserFor(SeededRandom random, long seed, string accountId, Person person) =>
        new(person.UserName, StableIds.Iam("AIDA", $"{accountId}/{person.UserName}", seed), "AKIA" + random.UpperAlphanumeric(16),
            $"arn:aws:iam::{accountId}:mfa/{person.UserName}", person);

    private static IamUser ServiceUser(SeededRandom random, long seed, string accountId, string name) =>
        new(name, StableIds.Iam("AIDA", $"{accountId}/{name}", seed), "AKIA" + random.UpperAlphanumeric(16), null, null);
}
