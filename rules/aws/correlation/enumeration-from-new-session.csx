// A session is one access key: a temporary key (ASIA...) is one role or federated session, a
// long-term key (AKIA...) the user's programmatic identity. The console's sessions are left out: its
// pages read several APIs each (the OTRF capture has a console user make twenty Describe calls in a
// minute) and are not someone with a key asking what it opens. So are calls AWS services make, and
// calls they make for a principal (invokedBy), which follow from a call of the principal's.
static bool ByAKeyHolder(CloudTrailEvent e) =>
    e.UserIdentity.AccessKeyId is { Length: > 0 }
    && !FromConsole(e)
    && !e.IsAwsServiceCall
    && e.InvokedByService is null;

// Console calls: CloudTrail marks them with sessionCredentialFromConsole; older records only by the
// console's user agent (console.amazonaws.com, console.ec2.amazonaws.com).
static readonly Regex ConsoleAgent = new(@"^console\.([a-z0-9-]+\.)?amazonaws\.com$");

static bool FromConsole(CloudTrailEvent e) =>
    e.Get("sessionCredentialFromConsole") == "true" || ConsoleAgent.IsMatch(e.UserAgent ?? "");

// Step "whoami": the first thing a stolen key is asked (aws sts get-caller-identity, Pacu's and
// ScoutSuite's first call); it needs no permission, so it succeeds for any valid key.
bool WhoAmI(CloudTrailEvent e) => ByAKeyHolder(e);

// Step "read": a control-plane read, List*, Describe* or Get*, whether it was allowed or denied (a
// denied ListUsers is still someone asking). Data events (S3 object reads, DynamoDB items) are an
// application's work on its data, not discovery, and STS's Get*Token calls issue credentials.
bool Read(CloudTrailEvent e) =>
    ByAKeyHolder(e)
    && e.EventCategory != "Data"
    && e.EventName is { } name
    && (name.StartsWith("List", StringComparison.Ordinal) || name.StartsWith("Describe", StringComparison.Ordinal) || name.StartsWith("Get", StringComparison.Ordinal))
    && !(e.EventSource == "sts.amazonaws.com" && name != "GetCallerIdentity");

static string Service(CloudTrailEvent e) => e.EventSource?.Replace(".amazonaws.com", "");

// What is counted: distinct APIs, service:operation, GetCallerIdentity among them.
string Value(CloudTrailEvent e) => $"{Service(e)}:{e.EventName}";

string Title(CloudTrailEvent e) =>
    $"Enumeration with the key {e.UserIdentity.AccessKeyId} of {e.ActorName} from {e.SourceIPAddress}: GetCallerIdentity and ten or more distinct List, Describe and Get calls within 10 minutes";
