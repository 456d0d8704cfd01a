#load "../../_lib/deployments.csx"
#load "../../_lib/principals.csx"

// Account ids trusted on purpose: your organization's other accounts, vendors you have onboarded.
// The knownAccounts parameter: empty as shipped; see the runbook.
static IReadOnlySet<string> KnownAccounts => Parameters.AccountIds("knownAccounts");

// The accounts through which Elastic Load Balancing writes access logs in the regions that name an
// account rather than the logdelivery.elasticloadbalancing.amazonaws.com service principal
// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
// A bucket policy granting them s3:PutObject is how ALB and Classic Load Balancer logging is set up.
static readonly IReadOnlySet<string> ElbLogDeliveryAccounts = new HashSet<string>(
[
    "127311923021", "033677994240", "027434742980", "797873946194", // us-east-1, us-east-2, us-west-1, us-west-2
    "098369216593", "754344448648", "589379963580", "718504428378", // af-south-1, ap-east-1, ap-southeast-3, ap-south-1
    "383597477331", "600734575887", "114774131450", "783225319266", // ap-northeast-3, ap-northeast-2, ap-southeast-1, ap-southeast-2
    "582318560864", "985666609251", "054676820928", "156460612806", // ap-northeast-1, ca-central-1, eu-central-1, eu-west-1
    "652711504416", "635631232127", "009996457667", "897822967062", // eu-west-2, eu-south-1, eu-west-3, eu-north-1
    "076674570225", "507241528517",                                 // me-south-1, sa-east-1
]);

PolicyDocument Policy(CloudTrailEvent e) => PolicyDocument.Parse(e.RequestParameterElement("bucketPolicy"));

// Allow statements with the other accounts each names: not the bucket's own, not KnownAccounts, not ELB's.
List<(PolicyStatement Statement, List<string> Accounts)> Grants(CloudTrailEvent e) =>
    Policy(e).Statements
        .Where(s => s.IsAllow)
        .Select(s => (Statement: s, Accounts: OtherAccounts(s.Principal?.Aws ?? [], e.RecipientAccountId, KnownAccounts.Concat(ElbLogDeliveryAccounts))))
        .Where(grant => grant.Accounts.Count > 0)
        .ToList();

List<string> Accounts(CloudTrailEvent e) => Grants(e).SelectMany(g => g.Accounts).Distinct().ToList();

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && Grants(e).Count > 0;

// As for role trust: another account is high only once KnownAccounts lists the organisation's own,
// since sharing a bucket between an organisation's accounts is everyday infrastructure; one step
// lower for a stack CloudFormation deploys for its caller.
AlertSeverity Severity(CloudTrailEvent e) =>
    (KnownAccounts.Count > 0 ? AlertSeverity.High : AlertSeverity.Medium).LowerWhen(ByCloudFormation(e));

static string Describe(PolicyStatement s, List<string> accounts) =>
    $"{s.Sid ?? "(no Sid)"}: {string.Join(",", s.Actions)} for account {string.Join(", ", accounts)}";

string Title(CloudTrailEvent e) =>
    $"S3 bucket {e.RequestParameter("bucketName")} policy grants account {string.Join(", ", Accounts(e))} ({string.Join(", ", Grants(e).SelectMany(g => g.Statement.Actions).Distinct())}) by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("bucketName")}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    bucket = e.RequestParameter("bucketName"),
    otherAccounts = Accounts(e),
    statements = Grants(e).Select(g => Describe(g.Statement, g.Accounts)).ToList(),
    policy = Policy(e).Json,
});
