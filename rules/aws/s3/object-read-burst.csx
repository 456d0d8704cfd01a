// Each successful, authenticated read counts towards the per-principal threshold. Reads a query
// engine makes for a principal (Athena, Redshift Spectrum, Lake Formation: invokedBy set) scan a
// table's objects by the hundred on every query; what the principal gets back is the query result,
// so they do not count.
bool Rule(CloudTrailEvent e) =>
    e.IsSuccess && !e.IsAwsServiceCall && e.InvokedByService is null && e.UserIdentity.AccountId != "anonymous";

string Bucket(CloudTrailEvent e) => e.RequestParameter("bucketName");

string Principal(CloudTrailEvent e) => e.UserIdentity.Arn ?? $"{e.UserIdentity.Type}:{e.UserIdentity.PrincipalId}";

string Title(CloudTrailEvent e) =>
    $"S3 objects read in bulk from {Bucket(e)} by {e.ActorName} from {e.SourceIPAddress} (this read: {e.RequestParameter("key")})";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Principal(e)}:{Bucket(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    bucket = Bucket(e),
    key = e.RequestParameter("key"),
    bytesOut = e.Get("additionalEventData.bytesTransferredOut"),
    actor = Principal(e),
    invokedBy = e.InvokedByService,
    accessKeyId = e.UserIdentity.AccessKeyId,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
