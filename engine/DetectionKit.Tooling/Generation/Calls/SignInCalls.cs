using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>Console sign-ins, IAM Identity Center's sign-in steps and its portal calls.</summary>
internal static class SignInCalls
{
    /// <summary>An IAM user's sign-in; <paramref name="mfaSerial"/> is set when the second factor was used.</summary>
    public static ApiCall ConsoleLogin(CallContext c, bool success, string? mfaSerial)
    {
        var additional = new JsonObject
        {
            ["LoginTo"] = $"https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_{c.Region}_{c.Random.Hex(16)}",
            ["MobileVersion"] = "No",
        };
        if (mfaSerial is not null)
        {
            additional["MFAIdentifier"] = mfaSerial;
        }

        additional["MFAUsed"] = mfaSerial is null ? "No" : "Yes";
        return new ApiCall("signin.amazonaws.com", "ConsoleLogin", false)
        {
            Request = null,
            Response = new JsonObject { ["ConsoleLogin"] = success ? "Success" : "Failure" },
            AdditionalEventData = additional,
            EventType = "AwsConsoleSignIn",
            Region = "us-east-1",
            Host = "signin.aws.amazon.com",
        };
    }

    /// <summary>A sign-in federated from IAM Identity Center: an assumed-role identity; MFA was checked by Identity Center.</summary>
    public static ApiCall FederatedConsoleLogin(CallContext c) => new("signin.amazonaws.com", "ConsoleLogin", false)
    {
        Request = null,
        Response = new JsonObject { ["ConsoleLogin"] = "Success" },
        AdditionalEventData = new JsonObject
        {
            ["LoginTo"] = $"https://{c.Region}.console.aws.amazon.com/console/home?region={c.Region}",
            ["MobileVersion"] = "No",
            ["MFAUsed"] = "No",
        },
        EventType = "AwsConsoleSignIn",
        Region = "us-east-1",
        Host = "signin.aws.amazon.com",
    };

    public static ApiCall CheckMfa(CallContext c) => new("signin.amazonaws.com", "CheckMfa", false)
    {
        Request = null,
        Response = new JsonObject { ["CheckMfa"] = "Success" },
        AdditionalEventData = new JsonObject { ["MfaType"] = "Virtual MFA" },
        EventType = "AwsConsoleSignIn",
        Region = "us-east-1",
        Host = "signin.aws.amazon.com",
    };

    /// <summary>One step of an Identity Center sign-in: <c>CredentialChallenge</c>, <c>CredentialVerification</c> or <c>UserAuthentication</c>.</summary>
    public static ApiCall IdentityCenterStep(CallContext c, string step, string workflowId, string credentialType) => new("signin.amazonaws.com", step, false)
    {
        Request = null,
        AdditionalEventData = new JsonObject { ["AuthWorkflowID"] = workflowId, ["CredentialType"] = credentialType },
        ServiceEventDetails = new JsonObject { [step] = "Success" },
        EventType = "AwsServiceEvent",
        Region = "us-east-1",
        Host = "us-east-1.signin.aws",
    };

    public static ApiCall PortalListAccounts(CallContext c) => Portal("ListAccounts", new JsonObject { ["maxResults"] = 100 });

    public static ApiCall PortalListAccountRoles(CallContext c, string accountId) => Portal("ListAccountRoles", new JsonObject { ["accountId"] = accountId, ["maxResults"] = 100 });

    /// <summary>The portal federating the user into an account's console with a permission set.</summary>
    public static ApiCall Federate(CallContext c, string accountId, string permissionSet) => Portal("Federate", new JsonObject { ["roleName"] = permissionSet, ["accountId"] = accountId });

    /// <summary>The CLI fetching role credentials for a permission set after <c>aws sso login</c>.</summary>
    public static ApiCall GetRoleCredentials(CallContext c, string accountId, string permissionSet) =>
        Portal("GetRoleCredentials", new JsonObject { ["roleName"] = permissionSet, ["accountId"] = accountId });

    public static ApiCall CreateToken(CallContext c) => new("sso-oauth.amazonaws.com", "CreateToken", false)
    {
        Request = new JsonObject { ["clientId"] = c.Random.UpperAlphanumeric(22), ["grantType"] = "urn:ietf:params:oauth:grant-type:device_code", ["deviceCode"] = "HIDDEN_DUE_TO_SECURITY_REASONS" },
        Response = new JsonObject { ["accessToken"] = "HIDDEN_DUE_TO_SECURITY_REASONS", ["tokenType"] = "Bearer", ["expiresIn"] = 28800 },
        Region = "us-east-1",
        Host = "oidc.us-east-1.amazonaws.com",
    };

    private static ApiCall Portal(string name, JsonObject request) => new("sso.amazonaws.com", name, true)
    {
        Request = request,
        Region = "us-east-1",
        Host = "portal.sso.us-east-1.amazonaws.com",
    };
}
