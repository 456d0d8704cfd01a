using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>
/// Amazon S3: bucket-level management calls and object-level data events, with the virtual-host
/// style <c>Host</c>, the signature details in <c>additionalEventData</c> and 16-digit request ids S3 logs.
/// </summary>
internal static class S3Calls
{
    public static ApiCall ListBuckets(CallContext c) =>
        new("s3.amazonaws.com", "ListBuckets", true)
        {
            Request = new JsonObject { ["Host"] = "s3.amazonaws.com" },
            AdditionalEventData = Signature(c, 0, 0),
            Region = "us-east-1",
            Host = "s3.amazonaws.com",
            ShortRequestId = true,
        };

    /// <summary>A bucket configuration read such as <c>GetBucketVersioning</c>; <paramref name="subresource"/> is the query key S3 logs (<c>versioning</c>).</summary>
    public static ApiCall BucketRead(CallContext c, string bucket, string eventName, string subresource) =>
        Bucket(c, bucket, eventName, true, new JsonObject { [subresource] = string.Empty });

    /// <summary>The configuration reads Terraform, scanners and the console make for each bucket.</summary>
    public static readonly IReadOnlyList<(string EventName, string Subresource)> ConfigurationReads =
    [
        ("GetBucketLocation", "location"), ("GetBucketAcl", "acl"), ("GetBucketVersioning", "versioning"), ("GetBucketEncryption", "encryption"),
        ("GetBucketPublicAccessBlock", "publicAccessBlock"), ("GetBucketOwnershipControls", "ownershipControls"), ("GetBucketLogging", "logging"),
        ("GetBucketPolicyStatus", "policyStatus"), ("GetBucketObjectLockConfiguration", "object-lock"),
    ];

    public static ApiCall GetBucketPolicy(CallContext c, string bucket) => BucketRead(c, bucket, "GetBucketPolicy", "policy");

    public static ApiCall GetBucketTagging(CallContext c, string bucket) => BucketRead(c, bucket, "GetBucketTagging", "tagging");

    public static ApiCall GetBucketLifecycle(CallContext c, string bucket) => BucketRead(c, bucket, "GetBucketLifecycle", "lifecycle");

    /// <summary>A policy that denies plain HTTP and lets the CDN read objects: the shape of most real bucket policies, and not public.</summary>
    public static ApiCall PutBucketPolicy(CallContext c, string bucket)
    {
        var arn = $"arn:aws:s3:::{bucket}";
        var policy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(
                new JsonObject
                {
                    ["Sid"] = "DenyInsecureTransport",
                    ["Effect"] = "Deny",
                    ["Principal"] = "*",
                    ["Action"] = "s3:*",
                    ["Resource"] = new JsonArray(arn, arn + "/*"),
                    ["Condition"] = new JsonObject { ["Bool"] = new JsonObject { ["aws:SecureTransport"] = "false" } },
                },
                new JsonObject
                {
                    ["Sid"] = "AllowCloudFrontRead",
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject { ["Service"] = "cloudfront.amazonaws.com" },
                    ["Action"] = "s3:GetObject",
                    ["Resource"] = arn + "/*",
                    ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["AWS:SourceArn"] = $"arn:aws:cloudfront::{c.Account.Id}:distribution/E{c.Random.UpperAlphanumeric(13)}" } },
                }),
        };
        return Bucket(c, bucket, "PutBucketPolicy", false, new JsonObject { ["bucketPolicy"] = policy, ["policy"] = string.Empty });
    }

    /// <summary>All four Block Public Access settings on, as baselines and scanners' remediations set them.</summary>
    public static ApiCall PutBucketPublicAccessBlock(CallContext c, string bucket) => Bucket(c, bucket, "PutBucketPublicAccessBlock", false, new JsonObject
    {
        ["publicAccessBlock"] = string.Empty,
        ["PublicAccessBlockConfiguration"] = new JsonObject
        {
            ["xmlns"] = "http://s3.amazonaws.com/doc/2006-03-01/",
            ["RestrictPublicBuckets"] = true,
            ["BlockPublicPolicy"] = true,
            ["BlockPublicAcls"] = true,
            ["IgnorePublicAcls"] = true,
        },
    });

    /// <summary>
    /// A canned ACL set on a bucket, in the <c>x-amz-acl</c> header S3 records as a list:
    /// <c>private</c>, or <c>log-delivery-write</c> for a bucket that receives server access logs.
    /// </summary>
    public static ApiCall PutBucketAcl(CallContext c, string bucket, string cannedAcl) =>
        Bucket(c, bucket, "PutBucketAcl", false, new JsonObject { ["acl"] = string.Empty, ["x-amz-acl"] = new JsonArray(cannedAcl) });

    public static ApiCall PutBucketTagging(CallContext c, string bucket, string environment) => Bucket(c, bucket, "PutBucketTagging", false, new JsonObject
    {
        ["tagging"] = string.Empty,
        ["Tagging"] = new JsonObject
        {
            ["xmlns"] = "http://s3.amazonaws.com/doc/2006-03-01/",
            ["TagSet"] = new JsonObject
            {
                ["Tag"] = new JsonArray(
                    new JsonObject { ["Key"] = "environment", ["Value"] = environment },
                    new JsonObject { ["Key"] = "managed-by", ["Value"] = "terraform" }),
            },
        },
    });

    public static ApiCall PutBucketVersioning(CallContext c, string bucket) => Bucket(c, bucket, "PutBucketVersioning", false, new JsonObject
    {
        ["versioning"] = string.Empty,
        ["VersioningConfiguration"] = new JsonObject { ["xmlns"] = "http://s3.amazonaws.com/doc/2006-03-01/", ["Status"] = "Enabled" },
    });

    public static ApiCall GetObject(CallContext c, string bucket, string key, int bytes) => Data(c, bucket, key, "GetObject", true, 0, bytes);

    public static ApiCall HeadObject(CallContext c, string bucket, string key) => Data(c, bucket, key, "HeadObject", true, 0, 0);

    public static ApiCall PutObject(CallContext c, string bucket, string key, int bytes) => Data(c, bucket, key, "PutObject", false, bytes, 0);

    public static ApiCall DeleteObject(CallContext c, string bucket, string key) => Data(c, bucket, key, "DeleteObject", false, 0, 0);

    /// <summary><c>ListObjectsV2</c>, which CloudTrail records as <c>ListObjects</c> with <c>list-type: 2</c>.</summary>
    public static ApiCall ListObjects(CallContext c, string bucket, string prefix)
    {
        var call = Bucket(c, bucket, "ListObjects", true, new JsonObject { ["list-type"] = "2", ["prefix"] = prefix, ["encoding-type"] = "url" });
        return call with { IsDataEvent = true, AdditionalEventData = Signature(c, 0, c.Random.Between(400, 9000)) };
    }

    private static ApiCall Bucket(CallContext c, string bucket, string eventName, bool readOnly, JsonObject parameters)
    {
        var host = $"{bucket}.s3.{c.Region}.amazonaws.com";
        var request = new JsonObject { ["bucketName"] = bucket, ["Host"] = host };
        foreach (var (key, value) in parameters.ToList())
        {
            parameters.Remove(key);
            request[key] = value;
        }

        return new ApiCall("s3.amazonaws.com", eventName, readOnly)
        {
            Request = request,
            AdditionalEventData = Signature(c, 0, 0),
            Resources = new JsonArray(new JsonObject { ["accountId"] = c.Account.Id, ["type"] = "AWS::S3::Bucket", ["ARN"] = $"arn:aws:s3:::{bucket}" }),
            Host = host,
            ShortRequestId = true,
        };
    }

    private static ApiCall Data(CallContext c, string bucket, string key, string eventName, bool readOnly, int bytesIn, int bytesOut)
    {
        var host = $"{bucket}.s3.{c.Region}.amazonaws.com";
        return new ApiCall("s3.amazonaws.com", eventName, readOnly)
        {
            Request = new JsonObject { ["bucketName"] = bucket, ["Host"] = host, ["key"] = key },
            AdditionalEventData = Signature(c, bytesIn, bytesOut),
            Resources = new JsonArray(
                new JsonObject { ["type"] = "AWS::S3::Object", ["ARN"] = $"arn:aws:s3:::{bucket}/{key}" },
                new JsonObject { ["accountId"] = c.Account.Id, ["type"] = "AWS::S3::Bucket", ["ARN"] = $"arn:aws:s3:::{bucket}" }),
            IsDataEvent = true,
            Host = host,
            ShortRequestId = true,
        };
    }

    private static JsonObject Signature(CallContext c, int bytesIn, int bytesOut) => new()
    {
        ["SignatureVersion"] = "SigV4",
        ["CipherSuite"] = "TLS_AES_128_GCM_SHA256",
        ["bytesTransferredIn"] = bytesIn,
        ["AuthenticationMethod"] = "AuthHeader",
        ["x-amz-id-2"] = c.Random.UpperAlphanumeric(56) + "=",
        ["bytesTransferredOut"] = bytesOut,
    };
}
