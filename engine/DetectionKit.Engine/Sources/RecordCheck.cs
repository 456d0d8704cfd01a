using System.Text.Json;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Sources;

/// <summary>
/// Whether a record can be evaluated: it is CloudTrail (it names its event with <c>eventSource</c> or
/// <c>eventName</c>, or is an Insights record, whose names sit under <c>insightDetails</c>) and has a
/// time the alert windows can place it by (<c>eventTime</c>, or <c>@timestamp</c> for records
/// re-exported through Logstash, in ISO-8601). A record that is not is never evaluated with a
/// default time: it would land in a window of its own (1970, or a misread day) and its alert would
/// share an id with the next one there.
/// </summary>
public static class RecordCheck
{
    /// <summary>Longest part of a bad time quoted in a message.</summary>
    private const int QuotedLength = 40;

    /// <summary>Why the record is not evaluated; null when it can be.</summary>
    public static RecordRejection? Check(CloudTrailEvent e)
    {
        if (e.EventSource is null && e.EventName is null && !e.IsInsight && e.Element("insightDetails") is not { ValueKind: JsonValueKind.Object })
        {
            if (e.Element("detail-type") is { ValueKind: JsonValueKind.String } detailType)
            {
                return new RecordRejection(RecordRejection.Kind.NotCloudTrail, DiagnosticCodes.NotCloudTrail, $"an EventBridge event of detail-type '{detailType.GetString()}', not one CloudTrail sends (their detail-type ends 'via CloudTrail')");
            }

            return new RecordRejection(RecordRejection.Kind.NotCloudTrail, DiagnosticCodes.NotCloudTrail, "not a CloudTrail record: it has no eventSource, eventName or insightDetails");
        }

        if (e.EventTime is not null)
        {
            return null;
        }

        var field = e.Element("eventTime") is not null ? "eventTime" : "@timestamp";
        if (e.Element(field) is not { } time)
        {
            return new RecordRejection(RecordRejection.Kind.Undated, DiagnosticCodes.UndatedRecord, "no eventTime (nor @timestamp): its alert window cannot be known");
        }

        if (time.ValueKind != JsonValueKind.String)
        {
            return new RecordRejection(RecordRejection.Kind.BadEventTime, DiagnosticCodes.BadEventTime, $"{field} is a {time.ValueKind.ToString().ToLowerInvariant()}, not an ISO-8601 time such as 2024-08-05T10:00:00Z");
        }

        var text = time.GetString()!;
        var quoted = text.Length > QuotedLength ? text[..QuotedLength] + "..." : text;
        return new RecordRejection(RecordRejection.Kind.BadEventTime, DiagnosticCodes.BadEventTime, $"{field} '{quoted}' is not an ISO-8601 time such as 2024-08-05T10:00:00Z");
    }
}
