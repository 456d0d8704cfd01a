namespace DetectionKit.Cli.Scaffolding;

/// <summary>The files <c>detectionkit new</c> writes: a rule that passes validation once its snapshot is accepted.</summary>
internal static class RuleTemplate
{
    /// <summary>The rule YAML: metadata to fill in, the <c>match</c> block for <paramref name="watched"/>, a positive and a negative case of it.</summary>
    public static string Yaml(string id, string schemaPath, WatchedEvent watched) => $$"""
        # yaml-language-server: $schema={{schemaPath}}
        id: {{id}}
        title: TODO describe what this rule detects
        severity: medium
        description: >
          TODO: what happened, why it matters, and when it is benign.
        runbook: >
          TODO: what a responder checks first.
        references:
          - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
        tags: []
        mitre: []
        match:
          eventSource: {{watched.EventSource}}
          eventName: {{watched.EventName}}
        tests:
          - name: matching call
            expect: true
            event:
              eventVersion: "1.08"
              eventSource: {{watched.EventSource}}
              eventName: {{watched.EventName}}
              eventTime: "2024-01-01T00:00:00Z"
              eventID: 00000000-0000-4000-8000-000000000001
              awsRegion: us-east-1
              recipientAccountId: "123456789012"
              userIdentity:
                type: IAMUser
                userName: alice
                arn: arn:aws:iam::123456789012:user/alice
                accountId: "123456789012"
        {{RequestParameters(watched)}}
          - name: failed call does not match
            expect: false
            event:
              eventVersion: "1.08"
              eventSource: {{watched.EventSource}}
              eventName: {{watched.EventName}}
              eventTime: "2024-01-01T00:00:00Z"
              eventID: 00000000-0000-4000-8000-000000000002
              awsRegion: us-east-1
              recipientAccountId: "123456789012"
              errorCode: AccessDenied
              userIdentity:
                type: IAMUser
                userName: alice
                arn: arn:aws:iam::123456789012:user/alice
                accountId: "123456789012"
        {{RequestParameters(watched)}}

        """;

    /// <summary>The script: the example event's own title and context, or the caller's for any other event.</summary>
    public static string Script(WatchedEvent watched) => watched.IsDefault ? GroupScript : GenericScript;

    // The example's cases name the group; an event of the user's choosing gets an empty request to fill in.
    private static string RequestParameters(WatchedEvent watched) => watched.IsDefault
        ? "      requestParameters:\n        groupName: new-group"
        : "      requestParameters: {}";

    private const string GroupScript = """
        // Called only for events that pass the YAML 'match' block. The rule API: docs/rule-api.md;
        // shared helpers: rules/_lib/*.csx, loaded with #load "<relative path>/_lib/name.csx".
        bool Rule(CloudTrailEvent e) => e.IsSuccess;

        // Optional: Title and Dedup return a string, Severity an AlertSeverity, AlertContext anything JSON can hold.
        string Title(CloudTrailEvent e) => $"{e.EventName} of {e.RequestParameter("groupName")} by {e.ActorName}";

        object AlertContext(CloudTrailEvent e) => e.StandardContext(new { group = e.RequestParameter("groupName") });

        """;

    private const string GenericScript = """
        // Called only for events that pass the YAML 'match' block. The rule API: docs/rule-api.md;
        // shared helpers: rules/_lib/*.csx, loaded with #load "<relative path>/_lib/name.csx".
        bool Rule(CloudTrailEvent e) => e.IsSuccess;

        // Optional: Title and Dedup return a string, Severity an AlertSeverity, AlertContext anything JSON can hold.
        string Title(CloudTrailEvent e) => $"{e.EventName} by {e.ActorName}";

        object AlertContext(CloudTrailEvent e) => e.StandardContext();

        """;
}
