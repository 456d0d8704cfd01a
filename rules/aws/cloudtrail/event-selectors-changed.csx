bool Rule(CloudTrailEvent e) => e.IsSuccess;

// What the new selectors leave out of management-event logging; empty when all of it is still recorded.
// Basic selectors: a management event is logged when any selector includes it (includeManagementEvents
// defaults to true, readWriteType to All). Advanced selectors: only a selector on eventCategory =
// Management logs management events, and any further field selector in it narrows them.
List<string> ManagementGaps(CloudTrailEvent e)
{
    var gaps = new List<string>();
    if (e.Element("requestParameters.eventSelectors") is { ValueKind: JsonValueKind.Array } basic)
    {
        var management = basic.EnumerateArray().Where(s => Text(s, "includeManagementEvents") != "false").ToList();
        if (management.Count == 0)
        {
            gaps.Add("management events excluded");
            return gaps;
        }

        var types = management.Select(s => Text(s, "readWriteType") ?? "All").ToHashSet();
        if (!types.Contains("All") && !(types.Contains("ReadOnly") && types.Contains("WriteOnly")))
        {
            gaps.Add($"only {string.Join("/", types)} management events");
        }

        var excluded = management
            .Select(s => Strings(s, "excludeManagementEventSources"))
            .Aggregate((a, b) => a.Intersect(b).ToList());
        if (excluded.Count > 0)
        {
            gaps.Add("management events from " + string.Join(", ", excluded) + " excluded");
        }
    }

    if (e.Element("requestParameters.advancedEventSelectors") is { ValueKind: JsonValueKind.Array } advanced)
    {
        var management = advanced.EnumerateArray()
            .Select(s => Property(s, "fieldSelectors") is { ValueKind: JsonValueKind.Array } f ? f.EnumerateArray().ToList() : [])
            .Where(fields => fields.Any(f => Text(f, "field") == "eventCategory" && Strings(f, "equals").Contains("Management")))
            .ToList();
        if (management.Count == 0)
        {
            gaps.Add("management events excluded");
        }
        else if (management.All(fields => fields.Count > 1))
        {
            var narrowing = management.SelectMany(fields => fields).Select(f => Text(f, "field")).Where(f => f != "eventCategory").Distinct();
            gaps.Add("management events filtered on " + string.Join(", ", narrowing));
        }
    }

    return gaps;
}

string Severity(CloudTrailEvent e) => ManagementGaps(e).Count > 0 ? "high" : "medium";

string Title(CloudTrailEvent e)
{
    var gaps = ManagementGaps(e);
    var what = gaps.Count > 0 ? ": " + string.Join("; ", gaps) : " (management events still fully logged)";
    return $"CloudTrail event selectors of {e.RequestParameter("trailName")} changed by {e.ActorName}{what}";
}

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("trailName")}";

object AlertContext(CloudTrailEvent e) => new
{
    trail = e.RequestParameter("trailName"),
    managementGaps = ManagementGaps(e),
    eventSelectors = e.Element("requestParameters.eventSelectors"),
    advancedEventSelectors = e.Element("requestParameters.advancedEventSelectors"),
    actor = e.UserIdentity.Arn,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};

static JsonElement? Property(JsonElement obj, string name) =>
    obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

static string Text(JsonElement obj, string name) => Property(obj, name) switch
{
    null => null,
    { ValueKind: JsonValueKind.String } s => s.GetString(),
    { } other => other.GetRawText(),
};

static List<string> Strings(JsonElement obj, string name) => Property(obj, name) switch
{
    { ValueKind: JsonValueKind.Array } list => list.EnumerateArray().Select(v => v.ToString()).ToList(),
    { ValueKind: JsonValueKind.String } one => [one.GetString()],
    _ => [],
};
