using System.Net;
using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>IAM: a global service, logged in us-east-1. Reads of every kind, and the writes deployments make.</summary>
internal static class IamCalls
{
    public static ApiCall GetUser(CallContext c, string? userName = null) => Read("GetUser", userName is null ? [] : new() { ["userName"] = userName });

    public static ApiCall ListUsers(CallContext c) => Read("ListUsers", []);

    public static ApiCall ListRoles(CallContext c) => Read("ListRoles", []);

    public static ApiCall GetRole(CallContext c, string roleName) => Read("GetRole", new() { ["roleName"] = roleName });

    public static ApiCall ListRolePolicies(CallContext c, string roleName) => Read("ListRolePolicies", new() { ["roleName"] = roleName });

    public static ApiCall ListAttachedRolePolicies(CallContext c, string roleName) => Read("ListAttachedRolePolicies", new() { ["roleName"] = roleName });

    public static ApiCall GetRolePolicy(CallContext c, string roleName, string policyName) => Read("GetRolePolicy", new() { ["roleName"] = roleName, ["policyName"] = policyName });

    public static ApiCall ListInstanceProfilesForRole(CallContext c, string roleName) => Read("ListInstanceProfilesForRole", new() { ["roleName"] = roleName });

    public static ApiCall GetPolicy(CallContext c, string policyArn) => Read("GetPolicy", new() { ["policyArn"] = policyArn });

    public static ApiCall GetPolicyVersion(CallContext c, string policyArn, int version) => Read("GetPolicyVersion", new() { ["policyArn"] = policyArn, ["versionId"] = $"v{version}" });

    public static ApiCall ListPolicies(CallContext c) => Read("ListPolicies", new() { ["scope"] = "Local", ["onlyAttached"] = false });

    public static ApiCall ListAccountAliases(CallContext c) => Read("ListAccountAliases", []);

    public static ApiCall GetAccountSummary(CallContext c) => Read("GetAccountSummary", []);

    /// <summary>Fails with NoSuchEntity in accounts that never set a password policy.</summary>
    public static ApiCall GetAccountPasswordPolicy(CallContext c) => Read("GetAccountPasswordPolicy", []);

    public static ApiCall ListMFADevices(CallContext c, string userName) => Read("ListMFADevices", new() { ["userName"] = userName });

    public static ApiCall ListAccessKeys(CallContext c, string userName) => Read("ListAccessKeys", new() { ["userName"] = userName });

    public static ApiCall GetAccessKeyLastUsed(CallContext c, string accessKeyId) => Read("GetAccessKeyLastUsed", new() { ["accessKeyId"] = accessKeyId });

    /// <summary>Fails with NoSuchEntity for users without a console password, which is most service users.</summary>
    public static ApiCall GetLoginProfile(CallContext c, string userName) => Read("GetLoginProfile", new() { ["userName"] = userName });

    public static ApiCall ListGroupsForUser(CallContext c, string userName) => Read("ListGroupsForUser", new() { ["userName"] = userName });

    public static ApiCall ListOpenIDConnectProviders(CallContext c) => Read("ListOpenIDConnectProviders", []);

    public static ApiCall ListSAMLProviders(CallContext c) => Read("ListSAMLProviders", []);

    public static ApiCall GenerateCredentialReport(CallContext c) =>
        Write("GenerateCredentialReport", null, new() { ["state"] = "STARTED", ["description"] = "No report exists. Starting a new report generation task" });

    public static ApiCall GetCredentialReport(CallContext c) => Read("GetCredentialReport", null);

    /// <summary>A service role trusted by one AWS service, as CloudFormation creates for a function or task.</summary>
    public static ApiCall CreateRole(CallContext c, string roleName, string servicePrincipal) =>
        CreateRole(c, roleName, TrustPolicy(new JsonObject { ["Service"] = servicePrincipal }, "sts:AssumeRole"), $"Execution role for {roleName}");

    /// <summary>A role with the given trust policy (JSON text), logged as sent and URL-encoded in the response.</summary>
    public static ApiCall CreateRole(CallContext c, string roleName, string trustPolicy, string? description = null, string path = "/", int? maxSessionDuration = null)
    {
        var request = new JsonObject { ["roleName"] = roleName };
        if (path != "/")
        {
            request["path"] = path;
        }

        request["assumeRolePolicyDocument"] = trustPolicy;
        if (description is not null)
        {
            request["description"] = description;
        }

        if (maxSessionDuration is { } duration)
        {
            request["maxSessionDuration"] = duration;
        }

        return Write("CreateRole", request, new()
        {
            ["role"] = new JsonObject
            {
                ["path"] = path,
                ["roleName"] = roleName,
                ["roleId"] = c.Account.RoleId(roleName),
                ["arn"] = c.Account.RoleArn(roleName, path),
                ["createDate"] = Timestamps.Java(c.Time),
                ["assumeRolePolicyDocument"] = WebUtility.UrlEncode(trustPolicy),
            },
        });
    }

    /// <summary>A role's trust policy replaced: IAM logs the document as the JSON text sent.</summary>
    public static ApiCall UpdateAssumeRolePolicy(CallContext c, string roleName, string trustPolicy) =>
        Write("UpdateAssumeRolePolicy", new() { ["roleName"] = roleName, ["policyDocument"] = trustPolicy }, null);

    /// <summary>A trust policy of one statement: <paramref name="principal"/> may call <paramref name="actions"/>, under <paramref name="condition"/> if any.</summary>
    public static string TrustPolicy(JsonObject principal, JsonNode actions, JsonObject? condition = null)
    {
        var statement = new JsonObject { ["Effect"] = "Allow", ["Principal"] = principal, ["Action"] = actions };
        if (condition is not null)
        {
            statement["Condition"] = condition;
        }

        return new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(statement) }.ToJsonString();
    }

    /// <summary>A scoped inline policy: named actions on the application's own resources.</summary>
    public static ApiCall PutRolePolicy(CallContext c, string roleName, string policyName, string[] actions, string resource)
    {
        var document = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Action"] = new JsonArray([.. actions.Select(a => (JsonNode)a)]),
                ["Resource"] = resource,
            }),
        };
        return Write("PutRolePolicy", new() { ["roleName"] = roleName, ["policyName"] = policyName, ["policyDocument"] = document.ToJsonString() }, null);
    }

    /// <summary>An AWS managed policy such as <c>service-role/AWSLambdaBasicExecutionRole</c>.</summary>
    public static ApiCall AttachRolePolicy(CallContext c, string roleName, string managedPolicy) =>
        Write("AttachRolePolicy", new() { ["roleName"] = roleName, ["policyArn"] = $"arn:aws:iam::aws:policy/{managedPolicy}" }, null);

    public static ApiCall DetachRolePolicy(CallContext c, string roleName, string managedPolicy) =>
        Write("DetachRolePolicy", new() { ["roleName"] = roleName, ["policyArn"] = $"arn:aws:iam::aws:policy/{managedPolicy}" }, null);

    public static ApiCall DeleteRolePolicy(CallContext c, string roleName, string policyName) =>
        Write("DeleteRolePolicy", new() { ["roleName"] = roleName, ["policyName"] = policyName }, null);

    public static ApiCall DeleteRole(CallContext c, string roleName) => Write("DeleteRole", new() { ["roleName"] = roleName }, null);

    /// <summary>The user's own MFA device taken out of use: the request names the user and the device.</summary>
    public static ApiCall DeactivateMFADevice(CallContext c, string userName, string serialNumber) =>
        Write("DeactivateMFADevice", new() { ["userName"] = userName, ["serialNumber"] = serialNumber }, null);

    public static ApiCall DeleteVirtualMFADevice(CallContext c, string serialNumber) =>
        Write("DeleteVirtualMFADevice", new() { ["serialNumber"] = serialNumber }, null);

    /// <summary>A new virtual device; its seed and QR code are secrets CloudTrail does not record.</summary>
    public static ApiCall CreateVirtualMFADevice(CallContext c, string deviceName) =>
        Write("CreateVirtualMFADevice", new() { ["virtualMFADeviceName"] = deviceName, ["path"] = "/" },
            new() { ["virtualMFADevice"] = new JsonObject { ["serialNumber"] = $"arn:aws:iam::{c.Account.Id}:mfa/{deviceName}" } });

    /// <summary>The device enabled with two consecutive codes, which CloudTrail does not record.</summary>
    public static ApiCall EnableMFADevice(CallContext c, string userName, string serialNumber) =>
        Write("EnableMFADevice", new() { ["userName"] = userName, ["serialNumber"] = serialNumber }, null);

    public static ApiCall TagRole(CallContext c, string roleName, string environment) =>
        Write("TagRole", new() { ["roleName"] = roleName, ["tags"] = new JsonArray(new JsonObject { ["key"] = "environment", ["value"] = environment }) }, null);

    /// <summary>A user rotating its own key: the request names the caller itself.</summary>
    public static ApiCall CreateAccessKey(CallContext c, string userName, string newKeyId) =>
        Write("CreateAccessKey", new() { ["userName"] = userName }, new()
        {
            ["accessKey"] = new JsonObject
            {
                ["userName"] = userName,
                ["accessKeyId"] = newKeyId,
                ["status"] = "Active",
                ["createDate"] = Timestamps.Java(c.Time),
            },
        });

    public static ApiCall UpdateAccessKey(CallContext c, string userName, string keyId) =>
        Write("UpdateAccessKey", new() { ["userName"] = userName, ["accessKeyId"] = keyId, ["status"] = "Inactive" }, null);

    public static ApiCall DeleteAccessKey(CallContext c, string userName, string keyId) =>
        Write("DeleteAccessKey", new() { ["userName"] = userName, ["accessKeyId"] = keyId }, null);

    private static ApiCall Read(string name, JsonObject? request) =>
        new("iam.amazonaws.com", name, true) { Request = request, Region = "us-east-1", Host = "iam.amazonaws.com" };

    private static ApiCall Write(string name, JsonObject? request, JsonObject? response) =>
        new("iam.amazonaws.com", name, false) { Request = request, Response = response, Region = "us-east-1", Host = "iam.amazonaws.com" };
}
