#load "../../_lib/dedup-keys.csx"
#load "../../_lib/deployments.csx"

// What the call turns off: protection plans (features) and their additional configuration set to
// DISABLED, legacy data sources set to false, automatic enablement for organization members set to
// NONE. Enabling anything, and a detector update that only changes the publishing frequency, is not.
List<string> Disabled(CloudTrailEvent e)
{
    var off = new List<string>();
    foreach (var feature in e.RequestParameterElement("features").Values())
    {
        var name = feature.Get("name") ?? "?";
        if (Is(feature.Get("status"), "DISABLED"))
        {
            off.Add(name);
        }

        if (Is(feature.Get("autoEnable"), "NONE"))
        {
            off.Add($"{name} for new members");
        }

        foreach (var extra in feature.Values("additionalConfiguration"))
        {
            if (Is(extra.Get("status"), "DISABLED") || Is(extra.Get("autoEnable"), "NONE"))
            {
                off.Add($"{name}/{extra.Get("name")}");
            }
        }
    }

    off.AddRange(FalseSettings(e.RequestParameterElement("dataSources"), "dataSources"));
    if (Is(e.RequestParameter("autoEnableOrganizationMembers"), "NONE") || e.RequestParameter("autoEnable") == "false")
    {
        off.Add("GuardDuty for new members");
    }

    return off;
}

static bool Is(string value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

// Legacy data sources nest booleans: {"s3Logs": {"enable": false}, "kubernetes": {"auditLogs": {"enable": false}}}.
static IEnumerable<string> FalseSettings(JsonElement? element, string path)
{
    if (element is not { ValueKind: JsonValueKind.Object } value)
    {
        yield break;
    }

    foreach (var property in value.EnumerateObject())
    {
        if (property.Value.ValueKind == JsonValueKind.False)
        {
            yield return $"{path}.{property.Name}";
        }

        foreach (var nested in FalseSettings(property.Value, $"{path}.{property.Name}"))
        {
            yield return nested;
        }
    }
}

bool Rule(CloudTrailEvent e) =>
    e.IsSuccess && !e.IsAwsServiceCall
    && (e.EventName is "DeletePublishingDestination" or "DisableOrganizationAdminAccount" || Disabled(e).Count > 0);

// Removing the delegated administrator takes the organization's central GuardDuty view away at once.
// CloudFormation deploying a stack's detector settings is routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) =>
    (e.EventName == "DisableOrganizationAdminAccount" ? AlertSeverity.High : AlertSeverity.Medium).LowerWhen(ByCloudFormation(e));

List<string> Accounts(CloudTrailEvent e) => e.RequestParameterElement("accountIds").Strings().ToList();

string Title(CloudTrailEvent e) => e.EventName switch
{
    "DeletePublishingDestination" => $"GuardDuty findings export {e.RequestParameter("destinationId")} deleted in {e.AwsRegion} by {e.ActorName}",
    "DisableOrganizationAdminAccount" => $"GuardDuty delegated administrator {e.RequestParameter("adminAccountId")} removed in {e.AwsRegion} by {e.ActorName}",
    _ => $"GuardDuty protection turned off in {e.AwsRegion}{(Accounts(e) is { Count: > 0 } members ? $" for member accounts {string.Join(", ", members)}" : "")}: {string.Join(", ", Disabled(e))} ({e.EventName} by {e.ActorName})",
};

string Dedup(CloudTrailEvent e) => RegionalKey(e, e.EventName);

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    action = e.EventName,
    detectorId = e.RequestParameter("detectorId"),
    disabled = Disabled(e),
    memberAccounts = Accounts(e),
    destinationId = e.RequestParameter("destinationId"),
    adminAccountId = e.RequestParameter("adminAccountId"),
});
