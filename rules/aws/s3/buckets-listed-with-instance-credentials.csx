#load "../../_lib/instance-credentials.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall && IsInstanceCredential(e);

string Title(CloudTrailEvent e) =>
    $"All S3 buckets listed with the instance credentials of {InstanceCredentialName(e)} from {e.SourceIPAddress}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{CredentialKey(e)}";

object AlertContext(CloudTrailEvent e) => InstanceCredentialContext(e);
