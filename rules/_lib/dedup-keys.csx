// Most AWS resources are regional: a security group, a detector or a recorder is named only within
// one account and region, and the same name elsewhere is another resource. Dedup keys of regional
// resources and of activity judged per region start with both, so alerts from different regions
// never merge: "111122223333:eu-west-1:sg-0123456789abcdef0".
static string RegionalKey(CloudTrailEvent e, params string[] parts) =>
    string.Join(":", new[] { e.RecipientAccountId, e.AwsRegion }.Concat(parts));
