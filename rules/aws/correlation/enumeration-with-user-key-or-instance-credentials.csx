#load "../../_lib/instance-credentials.csx"

// The credentials that leak and get used elsewhere without anyone signing in: an access key of an IAM
// user or of root (AKIA..., committed to a repository, left in a CI log) and an instance profile's
// temporary credentials (taken from the metadata service). Role sessions that people and automation
// open on purpose (a pipeline's or a scanner's AssumeRole, an IAM Identity Center sign-in) read
// widely by design: Terraform plans, posture scans and an engineer checking who she is logged in as
// do exactly what this rule counts, so they are left out.
static bool LongTermKey(CloudTrailEvent e) => e.UserIdentity.AccessKeyId?.StartsWith("AKIA", StringComparison.Ordinal) == true;

// Calls made with such a credential by whoever holds it. The console's sessions are left out (its
// pages read several APIs each: the OTRF capture has a console user make twenty Describe calls in a
// minute), and so are calls AWS services make, or make for a principal (invokedBy), which follow
// from a call of the principal's.
static bool ByAKeyHolder(CloudTrailEvent e) =>
    (LongTermKey(e) || IsInstanceCredential(e))
    && !FromConsole(e)
    && !e.IsAwsServiceCall
    && e.InvokedByService is null;

// Console calls: CloudTrail marks them with sessionCredentialFromConsole; older records only by the
// console's user agent (console.amazonaws.com, console.ec2.amazonaws.com).
static readonly Regex ConsoleAgent = new(@"^console\.([a-z0-9-]+\.)?amazonaws\.com$");

static bool FromConsole(CloudTrailEvent e) =>
    e.Get("sessionCredentialFromConsole") == "true" || ConsoleAgent.IsMatch(e.UserAgent ?? "");

// Step "whoami": the first thing a found or stolen key is asked (aws sts get-caller-identity, the
// first call of Pacu and ScoutSuite); it needs no permission, so it succeeds for any valid key.
bool WhoAmI(CloudTrailEvent e) => ByAKeyHolder(e);

// Step "read": a control-plane read, List*, Describe* or Get*, whether it was allowed or denied (a
// denied ListUsers is still someone asking). Data events (S3 object reads, DynamoDB items) are an
// application's work on its data, not discovery. STS is the whoami step's: its Get*Token calls issue
// credentials rather than read anything.
// The name tests come first: this step has no match block, so it sees every event.
bool Read(CloudTrailEvent e) =>
    e.EventName is { } name
    && (name.StartsWith("List", StringComparison.Ordinal) || name.StartsWith("Describe", StringComparison.Ordinal) || name.StartsWith("Get", StringComparison.Ordinal))
    && e.EventCategory != "Data"
    && e.EventSource != "sts.amazonaws.com"
    && ByAKeyHolder(e);

static string Service(CloudTrailEvent e) => e.EventSource?.Replace(".amazonaws.com", "");

// What is counted after GetCallerIdentity: distinct APIs, service:operation.
string Value(CloudTrailEvent e) => $"{Service(e)}:{e.EventName}";

string Title(CloudTrailEvent e) =>
    $"Enumeration with the key {e.UserIdentity.AccessKeyId} of {e.ActorName} from {e.SourceIPAddress}: GetCallerIdentity, then nine or more distinct List, Describe and Get calls within 10 minutes";
