using System.Text.Json.Nodes;
using DetectionKit.Engine.Alerting;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Correlation;

/// <summary>
/// The alert a firing raises: titled by the script's <c>Title</c> of the event that completed the
/// sequence (or the rule's title and the group key), keyed by the group, with the sequence's events,
/// in order, as its context. Its id is the group's and the sequence's first event time's, in the scope.
/// </summary>
public static class CorrelationAlert
{
    public static (AlertWindow Window, Alert Alert) Describe(Correlator correlator, string scope, string groupKey, IReadOnlyList<CorrelationStep> sequence, DateTimeOffset now)
    {
        var definition = correlator.Definition;
        var first = sequence[0];
        var last = sequence[^1];
        var start = first.EventTime;
        var end = Correlator.Later(start, definition.Timespan);
        var id = AlertMatch.IdOf(scope, correlator.RuleId, groupKey, start);
        var eventIds = sequence.Select(s => s.EventId).OfType<string>().Distinct(StringComparer.Ordinal).Take(AlertWindow.MaxEventIds).ToList();
        var alert = new Alert
        {
            AlertId = id,
            RuleId = correlator.RuleId,
            Title = last.Title ?? $"{correlator.Title}: {groupKey}",
            Severity = correlator.Severity,
            DedupKey = groupKey,
            EventId = first.EventId,
            EventTime = first.EventTime,
            EventSource = last.EventSource,
            EventName = last.EventName,
            RecipientAccountId = last.RecipientAccountId,
            AwsRegion = last.AwsRegion,
            Context = Context(definition, groupKey, sequence),
            EventCount = sequence.Count,
            FirstEventTime = first.EventTime,
            LastEventTime = last.EventTime,
            EventIds = eventIds,
            WindowStart = start,
            WindowEnd = end,
            Threshold = definition.Threshold,
        };
        var window = new AlertWindow
        {
            AlertId = id,
            RuleId = correlator.RuleId,
            DedupKey = groupKey,
            WindowStart = start,
            WindowEnd = end,
            Threshold = sequence.Count,
            EventCount = sequence.Count,
            EventIds = eventIds,
            FirstEventTime = first.EventTime,
            LastEventTime = last.EventTime,
            FiredAt = now,
        };
        return (window, alert);
    }

    private static JsonObject Context(CorrelationDefinition definition, string groupKey, IReadOnlyList<CorrelationStep> sequence)
    {
        var steps = new JsonArray();
        // As many as an alert lists event ids: a large count stays a small alert (and a DynamoDB item under its limit).
        foreach (var step in sequence.Take(AlertWindow.MaxEventIds))
        {
            var entry = new JsonObject
            {
                ["step"] = step.Step,
                ["eventTime"] = step.EventTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                ["eventName"] = step.EventName,
                ["eventSource"] = step.EventSource,
                ["eventId"] = step.EventId,
            };
            if (step.Value is not null)
            {
                entry["value"] = step.Value;
            }

            steps.Add(entry);
        }

        return new JsonObject
        {
            ["correlation"] = CorrelationDefinition.NameOf(definition.Type),
            ["group"] = groupKey,
            ["timespanSeconds"] = (long)definition.Timespan.TotalSeconds,
            ["steps"] = steps,
        };
    }
}
