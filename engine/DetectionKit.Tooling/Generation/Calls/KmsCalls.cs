using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>AWS KMS: the envelope-encryption calls behind almost every encrypted read and write, and key administration reads.</summary>
internal static class KmsCalls
{
    public static ApiCall Decrypt(CallContext c, KmsKey key, JsonObject encryptionContext) =>
        Crypto("Decrypt", key, new JsonObject { ["encryptionAlgorithm"] = "SYMMETRIC_DEFAULT", ["encryptionContext"] = encryptionContext });

    public static ApiCall GenerateDataKey(CallContext c, KmsKey key, JsonObject encryptionContext) =>
        Crypto("GenerateDataKey", key, new JsonObject { ["keyId"] = key.Alias, ["encryptionContext"] = encryptionContext, ["keySpec"] = "AES_256" });

    public static ApiCall Encrypt(CallContext c, KmsKey key, JsonObject encryptionContext) =>
        Crypto("Encrypt", key, new JsonObject { ["keyId"] = key.Alias, ["encryptionAlgorithm"] = "SYMMETRIC_DEFAULT", ["encryptionContext"] = encryptionContext });

    public static ApiCall DescribeKey(CallContext c, KmsKey key) => Crypto("DescribeKey", key, new JsonObject { ["keyId"] = key.Arn });

    public static ApiCall GetKeyPolicy(CallContext c, KmsKey key) => Crypto("GetKeyPolicy", key, new JsonObject { ["keyId"] = key.Arn, ["policyName"] = "default" });

    public static ApiCall GetKeyRotationStatus(CallContext c, KmsKey key) => Crypto("GetKeyRotationStatus", key, new JsonObject { ["keyId"] = key.Arn });

    public static ApiCall ListResourceTags(CallContext c, KmsKey key) => Crypto("ListResourceTags", key, new JsonObject { ["keyId"] = key.Arn });

    public static ApiCall ListAliases(CallContext c) => ApiCall.Read("kms", "ListAliases");

    public static ApiCall ListKeys(CallContext c) => ApiCall.Read("kms", "ListKeys", new() { ["limit"] = 1000 });

    /// <summary>A grant a service (EBS, RDS) creates to use the key for one resource.</summary>
    public static ApiCall CreateGrant(CallContext c, KmsKey key, string granteeService, JsonObject constraint) => new("kms.amazonaws.com", "CreateGrant", false)
    {
        Request = new JsonObject
        {
            ["keyId"] = key.Arn,
            ["granteePrincipal"] = granteeService,
            ["retiringPrincipal"] = granteeService,
            ["operations"] = new JsonArray("Decrypt", "Encrypt", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo", "CreateGrant", "DescribeKey"),
            ["constraints"] = new JsonObject { ["encryptionContextSubset"] = constraint },
        },
        Response = new JsonObject { ["grantId"] = c.Random.Hex(64), ["keyId"] = key.Arn },
        Resources = Resource(key),
    };

    /// <summary>
    /// A key removed from its stack: CloudFormation schedules its deletion after the stack's waiting
    /// period (7 to 30 days; preview stacks use the shortest).
    /// </summary>
    public static ApiCall ScheduleKeyDeletion(CallContext c, KmsKey key, int pendingWindowInDays) => new("kms.amazonaws.com", "ScheduleKeyDeletion", false)
    {
        Request = new JsonObject { ["keyId"] = key.KeyId, ["pendingWindowInDays"] = pendingWindowInDays },
        Response = new JsonObject
        {
            ["keyId"] = key.Arn,
            ["deletionDate"] = Timestamps.Java(c.Time.UtcDateTime.Date.AddDays(pendingWindowInDays + 1)),
            ["keyState"] = "PendingDeletion",
            ["pendingWindowInDays"] = pendingWindowInDays,
        },
        Resources = Resource(key),
    };

    /// <summary>A key a stack update marks <c>Enabled: false</c> before it is removed for good.</summary>
    public static ApiCall DisableKey(CallContext c, KmsKey key) =>
        new("kms.amazonaws.com", "DisableKey", false) { Request = new JsonObject { ["keyId"] = key.KeyId }, Response = null, Resources = Resource(key) };

    /// <summary>The yearly automatic rotation of a customer managed key: a service event, not an API call.</summary>
    public static ApiCall RotateKey(CallContext c, KmsKey key) => new("kms.amazonaws.com", "RotateKey", false)
    {
        Request = null,
        Resources = Resource(key),
        EventType = "AwsServiceEvent",
        ServiceEventDetails = new JsonObject { ["keyId"] = key.KeyId },
    };

    private static ApiCall Crypto(string name, KmsKey key, JsonObject request) =>
        new("kms.amazonaws.com", name, true) { Request = request, Resources = Resource(key) };

    private static JsonArray Resource(KmsKey key) => new(new JsonObject { ["accountId"] = key.AccountId, ["type"] = "AWS::KMS::Key", ["ARN"] = key.Arn });
}
