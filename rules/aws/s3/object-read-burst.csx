// Each successful, authenticated read counts towards the per-principal threshold, whichever bucket it
// is in: copying data out spreads over buckets as readily as it empties one. Reads a query
// engine makes for a principal (Athena, Redshift Spectrum, Lake Formation: invokedBy set) scan a
// table's objects by the hundred on every query; what the principal gets back is the query result,
// so they do not count.
bool Rule(CloudTrailEvent e) =>
    e.IsSuccess && !e.IsAwsServiceCall && e.InvokedByService is null && e.UserIdentity.AccountId != "anonymous";

string Bucket(CloudTrailEvent e) => e.RequestParameter("bucketName");

string Principal(CloudTrailEvent e) => e.UserIdentity.Arn ?? $"{e.UserIdentity.Type}:{e.UserIdentity.PrincipalId}";

string Title(CloudTrailEvent e) =>
    $"S3 objects read in bulk by {e.ActorName} from {e.SourceIPAddress} (this read: s3://{Bucket(e)}/{e.RequestParameter("key")})";

// Per principal: the alert's events (eventIds) name every bucket and key the burst read.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Principal(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    bucket = Bucket(e),
    key = e.RequestParameter("key"),
    bytesOut = e.Get("additionalEventData.bytesTransferredOut"),
    actor = Principal(e),
    accessKeyId = e.UserIdentity.AccessKeyId,
});
