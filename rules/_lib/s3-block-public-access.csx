// S3 Block Public Access, for a bucket (PutBucketPublicAccessBlock) or for the whole account
// (PutAccountPublicAccessBlock, an S3 Control call): four settings, each of which stops one way of
// making data public.
static readonly IReadOnlyList<string> BlockPublicAccessSettings = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"];

// The settings a call leaves off. A Delete call turns all four off; a Put call replaces the whole
// configuration, so a setting the request leaves out is off too.
static List<string> BlockPublicAccessOff(CloudTrailEvent e) => e.EventName is "DeleteBucketPublicAccessBlock" or "DeleteAccountPublicAccessBlock"
    ? [.. BlockPublicAccessSettings]
    : BlockPublicAccessSettings.Where(s => !string.Equals(e.RequestParameter($"PublicAccessBlockConfiguration.{s}"), "true", StringComparison.OrdinalIgnoreCase)).ToList();
