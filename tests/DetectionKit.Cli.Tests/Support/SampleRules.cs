namespace DetectionKit.Cli.Tests.Support;

/// <summary>Rules written the way an outside author would, against the documented contract only.</summary>
internal static class SampleRules
{
    public const string StopLoggingYaml = """
        id: sample.stop-logging
        title: Trail stopped
        severity: high
        match:
          eventSource: cloudtrail.amazonaws.com
          eventName: [StopLogging]
        tests:
          - name: stratus capture
            expect: true
            file: ../fixtures/stop.json
          - name: another call
            expect: false
            event:
              eventSource: cloudtrail.amazonaws.com
              eventName: StartLogging
              eventID: "00000000-0000-0000-0000-000000000002"
        """;

    public const string StopLoggingScript = """
        bool Rule(CloudTrailEvent e) => e.IsSuccess;

        string Title(CloudTrailEvent e) => $"Trail {e.Get("requestParameters.name")} stopped";
        """;

    public const string InsightYaml = """
        id: sample.insight
        title: API call rate anomaly
        severity: medium
        tests:
          - name: start
            expect: true
            event:
              eventVersion: "1.08"
              eventType: AwsCloudTrailInsight
              eventCategory: Insight
              eventID: "00000000-0000-0000-0000-0000000000a1"
              eventTime: "2024-08-01T12:00:00Z"
              recipientAccountId: "111122223333"
              insightDetails:
                state: Start
                eventSource: ec2.amazonaws.com
                eventName: RunInstances
                insightType: ApiCallRateInsight
          - name: end
            expect: false
            event:
              eventType: AwsCloudTrailInsight
              eventID: "00000000-0000-0000-0000-0000000000a2"
              insightDetails:
                state: End
                insightType: ApiCallRateInsight
        """;

    public const string InsightScript = """
        bool Rule(CloudTrailEvent e) =>
            e.EventType == "AwsCloudTrailInsight"
            && e.Get("insightDetails.state") == "Start"
            && e.Get("insightDetails.insightType") == "ApiCallRateInsight";

        string Dedup(CloudTrailEvent e) => e.Get("insightDetails.eventName");

        object AlertContext(CloudTrailEvent e) => new Dictionary<string, string>
        {
            ["api"] = e.Get("insightDetails.eventSource") + ":" + e.Get("insightDetails.eventName"),
        };
        """;

    /// <summary>Line 3 lacks its semicolon.</summary>
    public const string BrokenScript = """
        static readonly string[] Names = { "DeleteTrail" };

        static int Broken() { return 1 }

        bool Rule(CloudTrailEvent e) => Names.Contains(e.EventName);
        """;

    public const string BrokenYaml = """
        id: sample.broken
        title: Broken rule
        severity: low
        tests:
          - name: yes
            expect: true
            event: { eventName: DeleteTrail }
          - name: no
            expect: false
            event: { eventName: CreateTrail }
        """;
}
