#load "../../_lib/dedup-keys.csx"
#load "../../_lib/deployments.csx"
#load "../../_lib/lambda.csx"
#load "../../_lib/principals.csx"

string Principal(CloudTrailEvent e) => e.RequestParameter("principal") ?? "";

// Any of these narrows "*" to known callers.
bool Restricted(CloudTrailEvent e) =>
    e.RequestParameter("principalOrgID") is not null || e.RequestParameter("sourceAccount") is not null || e.RequestParameter("sourceArn") is not null;

bool IsAnyone(CloudTrailEvent e) => Principal(e) == "*" && !Restricted(e);

// The account a principal names, when it is an account id or an IAM or STS ARN; null for service principals and "*".
string PrincipalAccount(CloudTrailEvent e) => AccountOf(Principal(e));

bool IsOtherAccount(CloudTrailEvent e) => PrincipalAccount(e) is { } account && account != e.RecipientAccountId;

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && (IsAnyone(e) || IsOtherAccount(e));

// CloudFormation deploying a stack's function permissions is routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) => (IsAnyone(e) ? AlertSeverity.High : AlertSeverity.Medium).LowerWhen(ByCloudFormation(e));

string Function(CloudTrailEvent e) => FunctionName(e.RequestParameter("functionName"));

string Title(CloudTrailEvent e) =>
    $"Lambda function {Function(e)} allows {e.RequestParameter("action")} by {(IsAnyone(e) ? "anyone (*)" : $"account {PrincipalAccount(e)}")}"
    + $"{(e.RequestParameter("functionUrlAuthType") == "NONE" ? " through a public function URL" : "")} (added by {e.ActorName})";

string Dedup(CloudTrailEvent e) => RegionalKey(e, Function(e));

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    function = Function(e),
    statementId = e.RequestParameter("statementId"),
    action = e.RequestParameter("action"),
    principal = Principal(e),
    functionUrlAuthType = e.RequestParameter("functionUrlAuthType"),
    statement = e.ResponseElement("statement"),
});
