bool Rule(CloudTrailEvent e) => e.IsSuccess;

// A session policy of Allow * on * adds no restriction: the federated user gets all the caller's permissions.
bool AllowsEverything(CloudTrailEvent e) =>
    e.RequestParameter("policy") is { } policy
    && Regex.IsMatch(policy, @"""Effect""\s*:\s*""Allow""")
    && Regex.IsMatch(policy, @"""Action""\s*:\s*(\[\s*)?""\*""")
    && Regex.IsMatch(policy, @"""Resource""\s*:\s*(\[\s*)?""\*""");

string Title(CloudTrailEvent e) =>
    $"Federation token {e.RequestParameter("name")} issued to {e.ActorName}{(AllowsEverything(e) ? " with an allow-all session policy" : "")} from {e.SourceIPAddress}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.Arn}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    federatedUser = e.ResponseElement("federatedUser.arn"),
    sessionAccessKeyId = e.ResponseElement("credentials.accessKeyId"),
    expiration = e.ResponseElement("credentials.expiration"),
    sessionPolicy = e.RequestParameter("policy"),
    callerAccessKeyId = e.UserIdentity.AccessKeyId,
});
