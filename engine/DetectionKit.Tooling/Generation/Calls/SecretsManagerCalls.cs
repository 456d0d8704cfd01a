using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>AWS Secrets Manager: applications read their own secrets; rotation functions write new versions.</summary>
internal static class SecretsManagerCalls
{
    public static string SecretArn(CallContext c, string name) =>
        $"arn:aws:secretsmanager:{c.Region}:{c.Account.Id}:secret:{name}-{StableSuffix(name)}";

    public static ApiCall GetSecretValue(CallContext c, string name) => ApiCall.Read("secretsmanager", "GetSecretValue", new() { ["secretId"] = name });

    public static ApiCall DescribeSecret(CallContext c, string name) => ApiCall.Read("secretsmanager", "DescribeSecret", new() { ["secretId"] = SecretArn(c, name) });

    public static ApiCall ListSecrets(CallContext c) => ApiCall.Read("secretsmanager", "ListSecrets", new() { ["maxResults"] = 100, ["includePlannedDeletion"] = false });

    public static ApiCall GetResourcePolicy(CallContext c, string name) => ApiCall.Read("secretsmanager", "GetResourcePolicy", new() { ["secretId"] = SecretArn(c, name) });

    public static ApiCall GetRandomPassword(CallContext c) =>
        ApiCall.Read("secretsmanager", "GetRandomPassword", new() { ["passwordLength"] = 32, ["excludeCharacters"] = "/@\"'\\" });

    public static ApiCall PutSecretValue(CallContext c, string name, string token) =>
        ApiCall.Write("secretsmanager", "PutSecretValue",
            new() { ["secretId"] = SecretArn(c, name), ["clientRequestToken"] = token, ["versionStages"] = new JsonArray("AWSPENDING") },
            new() { ["arn"] = SecretArn(c, name), ["name"] = name, ["versionId"] = token, ["versionStages"] = new JsonArray("AWSPENDING") });

    public static ApiCall UpdateSecretVersionStage(CallContext c, string name, string token) =>
        ApiCall.Write("secretsmanager", "UpdateSecretVersionStage",
            new() { ["secretId"] = SecretArn(c, name), ["versionStage"] = "AWSCURRENT", ["moveToVersionId"] = token },
            new() { ["arn"] = SecretArn(c, name), ["name"] = name });

    /// <summary>The service event Secrets Manager logs when a rotation finishes.</summary>
    public static ApiCall RotationSucceeded(CallContext c, string name) => new("secretsmanager.amazonaws.com", "RotationSucceeded", false)
    {
        Request = null,
        AdditionalEventData = new JsonObject { ["SecretId"] = SecretArn(c, name) },
        EventType = "AwsServiceEvent",
    };

    // Secrets Manager appends six random characters to a secret's ARN; keep them stable per name.
    private static string StableSuffix(string name)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var hash = 2166136261u;
        foreach (var ch in name)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        var chars = new char[6];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[(int)(hash % (uint)alphabet.Length)];
            hash = (hash / (uint)alphabet.Length) ^ (hash * 2654435761u);
        }

        return new string(chars);
    }
}
