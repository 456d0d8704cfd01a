static readonly IReadOnlyList<string> PublicCannedAcls = ["public-read", "public-read-write", "authenticated-read"];

static readonly IReadOnlyDictionary<string, string> PublicGroups = new Dictionary<string, string>()
{
    ["http://acs.amazonaws.com/groups/global/AllUsers"] = "AllUsers",
    ["http://acs.amazonaws.com/groups/global/AuthenticatedUsers"] = "AuthenticatedUsers",
};

// The three ways PutBucketAcl sets an ACL: a canned ACL header, x-amz-grant-* headers, or an
// AccessControlPolicy body. Returns one "grantee:permission" entry per public grant.
List<string> PublicGrants(CloudTrailEvent e)
{
    var grants = e.RequestParameterElement("x-amz-acl").Strings().Where(PublicCannedAcls.Contains).Select(acl => $"canned:{acl}").ToList();

    foreach (var (header, permission) in new[] { ("read", "READ"), ("write", "WRITE"), ("read-acp", "READ_ACP"), ("write-acp", "WRITE_ACP"), ("full-control", "FULL_CONTROL") })
    {
        var grantees = string.Join(",", e.RequestParameterElement($"x-amz-grant-{header}").Strings());
        grants.AddRange(PublicGroups.Where(g => grantees.Contains(g.Key, StringComparison.OrdinalIgnoreCase)).Select(g => $"{g.Value}:{permission}"));
    }

    // S3 logs a repeated XML element or header as an array and a single one as a bare value; Values() reads both.
    foreach (var grant in e.RequestParameterElement("AccessControlPolicy.AccessControlList.Grant").Values())
    {
        if (PublicGroups.TryGetValue(grant.Get("Grantee.URI") ?? "", out var group))
        {
            grants.Add($"{group}:{grant.Get("Permission") ?? "?"}");
        }
    }

    return grants;
}

bool Rule(CloudTrailEvent e) => e.IsSuccess && PublicGrants(e).Count > 0;

// Anyone able to write can plant or overwrite objects, and with WRITE_ACP/FULL_CONTROL re-share the bucket.
AlertSeverity Severity(CloudTrailEvent e) =>
    PublicGrants(e).Any(g => g is "canned:public-read-write" || g.EndsWith(":WRITE") || g.EndsWith(":WRITE_ACP") || g.EndsWith(":FULL_CONTROL"))
        ? AlertSeverity.Critical
        : AlertSeverity.High;

string Title(CloudTrailEvent e) =>
    $"S3 bucket {e.RequestParameter("bucketName")} made public by ACL ({string.Join(", ", PublicGrants(e))}) by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("bucketName")}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    bucket = e.RequestParameter("bucketName"),
    publicGrants = PublicGrants(e),
});
