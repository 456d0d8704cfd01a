using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>
/// IAM Identity Center administration (event source <c>sso.amazonaws.com</c>): permission sets
/// assigned to a person in an account, and taken away again.
/// </summary>
internal static class IdentityCenterAdminCalls
{
    public static ApiCall CreateAccountAssignment(CallContext c, string instanceArn, string permissionSetArn, string accountId, string userId) =>
        Assignment(c, "CreateAccountAssignment", "accountAssignmentCreationStatus", instanceArn, permissionSetArn, accountId, userId);

    public static ApiCall DeleteAccountAssignment(CallContext c, string instanceArn, string permissionSetArn, string accountId, string userId) =>
        Assignment(c, "DeleteAccountAssignment", "accountAssignmentDeletionStatus", instanceArn, permissionSetArn, accountId, userId);

    private static ApiCall Assignment(CallContext c, string name, string status, string instanceArn, string permissionSetArn, string accountId, string userId)
    {
        var requestId = c.Random.Uuid();
        return new ApiCall("sso.amazonaws.com", name, false)
        {
            Request = new JsonObject
            {
                ["instanceArn"] = instanceArn,
                ["targetId"] = accountId,
                ["targetType"] = "AWS_ACCOUNT",
                ["permissionSetArn"] = permissionSetArn,
                ["principalType"] = "USER",
                ["principalId"] = userId,
            },
            Response = new JsonObject
            {
                [status] = new JsonObject
                {
                    ["status"] = "IN_PROGRESS",
                    ["requestId"] = requestId,
                    ["targetId"] = accountId,
                    ["targetType"] = "AWS_ACCOUNT",
                    ["permissionSetArn"] = permissionSetArn,
                    ["principalType"] = "USER",
                    ["principalId"] = userId,
                },
            },
            Region = "us-east-1",
        };
    }
}
