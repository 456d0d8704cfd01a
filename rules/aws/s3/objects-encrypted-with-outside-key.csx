// SSE-C: S3 encrypts with a key the caller sends and keeps no copy; only the caller can read the object.
bool CustomerKey(CloudTrailEvent e) =>
    e.RequestParameter("x-amz-server-side-encryption-customer-algorithm") is not null
    || e.Get("additionalEventData.SSEApplied") == "SSE_C";

// SSE-KMS with a key of another account: readable only while that account's key policy allows it.
string KmsKey(CloudTrailEvent e) =>
    e.RequestParameter("x-amz-server-side-encryption-aws-kms-key-id") ?? e.Get("additionalEventData.x-amz-server-side-encryption-aws-kms-key-id");

string ForeignKeyAccount(CloudTrailEvent e) =>
    Arn.Parse(KmsKey(e)) is { Service: "kms" } key && key.Account != e.RecipientAccountId ? key.Account : null;

bool Rule(CloudTrailEvent e) =>
    e.IsSuccess && !e.IsAwsServiceCall && (CustomerKey(e) || ForeignKeyAccount(e) is not null);

// CopyObject onto existing data is the ransom move: the copy replaces the readable object with one
// only the caller can decrypt. New uploads under SSE-C are something a few applications do.
AlertSeverity Severity(CloudTrailEvent e) => e.EventName == "CopyObject" ? AlertSeverity.High : AlertSeverity.Medium;

string How(CloudTrailEvent e) =>
    CustomerKey(e) ? "a customer-provided key (SSE-C)" : $"a KMS key of account {ForeignKeyAccount(e)}";

string Object(CloudTrailEvent e) => $"s3://{e.RequestParameter("bucketName")}/{e.RequestParameter("key")}";

string Title(CloudTrailEvent e) => e.EventName == "CopyObject"
    ? $"S3 object {Object(e)} rewritten under {How(e)} by {e.ActorName}"
    : $"S3 object {Object(e)} written under {How(e)} ({e.EventName}) by {e.ActorName}";

// Per principal and bucket: a ransom run rewrites every object of a bucket in turn.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.Arn}:{e.RequestParameter("bucketName")}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    bucket = e.RequestParameter("bucketName"),
    key = e.RequestParameter("key"),
    action = e.EventName,
    copySource = e.RequestParameter("x-amz-copy-source"),
    encryption = CustomerKey(e) ? "SSE-C" : "SSE-KMS",
    kmsKey = KmsKey(e),
    accessKeyId = e.UserIdentity.AccessKeyId,
});
