static readonly Regex AccountInArn = new(@"^arn:aws[a-z-]*:iam::(\d{12}):");

string Principal(CloudTrailEvent e) => e.RequestParameter("principal") ?? "";

// Any of these narrows "*" to known callers.
bool Restricted(CloudTrailEvent e) =>
    e.RequestParameter("principalOrgID") is not null || e.RequestParameter("sourceAccount") is not null || e.RequestParameter("sourceArn") is not null;

bool IsAnyone(CloudTrailEvent e) => Principal(e) == "*" && !Restricted(e);

// The account a principal names, when it is an account id or an IAM ARN; null for service principals.
string PrincipalAccount(CloudTrailEvent e) =>
    Regex.IsMatch(Principal(e), @"^\d{12}$") ? Principal(e)
    : AccountInArn.Match(Principal(e)) is { Success: true } m ? m.Groups[1].Value
    : null;

bool IsOtherAccount(CloudTrailEvent e) => PrincipalAccount(e) is { } account && account != e.RecipientAccountId;

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && (IsAnyone(e) || IsOtherAccount(e));

// CloudFormation deploying a stack's function permissions is routine: one step lower.
string Severity(CloudTrailEvent e) =>
    e.InvokedByService == "cloudformation.amazonaws.com" ? (IsAnyone(e) ? "medium" : "low") : (IsAnyone(e) ? "high" : "medium");

string Function(CloudTrailEvent e) =>
    e.RequestParameter("functionName") is { } f && f.Contains(":function:") ? f[(f.IndexOf(":function:") + 10)..] : e.RequestParameter("functionName");

string Title(CloudTrailEvent e) =>
    $"Lambda function {Function(e)} allows {e.RequestParameter("action")} by {(IsAnyone(e) ? "anyone (*)" : $"account {PrincipalAccount(e)}")}"
    + $"{(e.RequestParameter("functionUrlAuthType") == "NONE" ? " through a public function URL" : "")} (added by {e.ActorName})";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.AwsRegion}:{Function(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    function = Function(e),
    statementId = e.RequestParameter("statementId"),
    action = e.RequestParameter("action"),
    principal = Principal(e),
    functionUrlAuthType = e.RequestParameter("functionUrlAuthType"),
    statement = e.ResponseElement("statement"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
