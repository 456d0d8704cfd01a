#load "../../_lib/dedup-keys.csx"
#load "../../_lib/lambda.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string Function(CloudTrailEvent e) => e.ResponseElement("functionName") ?? FunctionName(e.RequestParameter("functionName"));

string Source(CloudTrailEvent e) =>
    e.RequestParameter("imageUri") is { } image ? $"image {image}"
    : e.RequestParameter("s3Bucket") is { } bucket ? $"s3://{bucket}/{e.RequestParameter("s3Key")}"
    : "a direct upload";

string Title(CloudTrailEvent e) =>
    $"Lambda function {Function(e)} code replaced from {Source(e)}{(e.RequestParameter("publish") == "true" ? " and published" : "")} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e, Function(e), e.UserIdentity.Arn);

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    function = Function(e),
    codeSha256 = e.ResponseElement("codeSha256"),
    version = e.ResponseElement("version"),
    source = Source(e),
    executionRole = e.ResponseElement("role"),
});
