bool Rule(CloudTrailEvent e) => e.IsSuccess;

// What the new selectors leave out of management-event logging; empty when all of it is still recorded.
// Basic selectors: a management event is logged when any selector includes it (includeManagementEvents
// defaults to true, readWriteType to All). Advanced selectors: only a selector on eventCategory =
// Management logs management events, and any further field selector in it narrows them.
List<string> ManagementGaps(CloudTrailEvent e)
{
    var gaps = new List<string>();
    if (e.RequestParameterElement("eventSelectors") is { ValueKind: JsonValueKind.Array } basic)
    {
        var management = basic.Values().Where(s => s.Get("includeManagementEvents") != "false").ToList();
        if (management.Count == 0)
        {
            gaps.Add("management events excluded");
            return gaps;
        }

        var types = management.Select(s => s.Get("readWriteType") ?? "All").ToHashSet();
        if (!types.Contains("All") && !(types.Contains("ReadOnly") && types.Contains("WriteOnly")))
        {
            gaps.Add($"only {string.Join("/", types)} management events");
        }

        var excluded = management
            .Select(s => s.Strings("excludeManagementEventSources").ToList())
            .Aggregate((a, b) => a.Intersect(b).ToList());
        if (excluded.Count > 0)
        {
            gaps.Add("management events from " + string.Join(", ", excluded) + " excluded");
        }
    }

    if (e.RequestParameterElement("advancedEventSelectors") is { ValueKind: JsonValueKind.Array } advanced)
    {
        var management = advanced.Values()
            .Select(s => s.Values("fieldSelectors").ToList())
            .Where(fields => fields.Any(f => f.Get("field") == "eventCategory" && f.Strings("equals").Contains("Management")))
            .ToList();
        if (management.Count == 0)
        {
            gaps.Add("management events excluded");
        }
        else if (management.All(fields => fields.Count > 1))
        {
            var narrowing = management.SelectMany(fields => fields).Select(f => f.Get("field")).Where(f => f != "eventCategory").Distinct();
            gaps.Add("management events filtered on " + string.Join(", ", narrowing));
        }
    }

    return gaps;
}

AlertSeverity Severity(CloudTrailEvent e) => ManagementGaps(e).Count > 0 ? AlertSeverity.High : AlertSeverity.Medium;

string Title(CloudTrailEvent e)
{
    var gaps = ManagementGaps(e);
    var what = gaps.Count > 0 ? ": " + string.Join("; ", gaps) : " (management events still fully logged)";
    return $"CloudTrail event selectors of {e.RequestParameter("trailName")} changed by {e.ActorName}{what}";
}

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.RequestParameter("trailName")}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    trail = e.RequestParameter("trailName"),
    managementGaps = ManagementGaps(e),
    eventSelectors = e.RequestParameterElement("eventSelectors"),
    advancedEventSelectors = e.RequestParameterElement("advancedEventSelectors"),
});
