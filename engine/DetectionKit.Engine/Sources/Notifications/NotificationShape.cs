namespace DetectionKit.Engine.Sources.Notifications;

/// <summary>The shapes in which a trail bucket's new objects are announced on a queue.</summary>
public enum NotificationShape
{
    /// <summary>Not a shape this reader knows, or not JSON: reported, and left for the queue's redrive policy.</summary>
    Unrecognised,

    /// <summary>An S3 event notification (<c>{"Records":[{"eventSource":"aws:s3",...}]}</c>), sent to the queue directly or by SNS with raw delivery.</summary>
    S3Event,

    /// <summary>CloudTrail's own notification of a log file delivered: <c>{"s3Bucket":...,"s3ObjectKey":[...]}</c>.</summary>
    CloudTrail,

    /// <summary>An EventBridge "Object Created" event of S3.</summary>
    EventBridgeObjectCreated,

    /// <summary>
    /// The message carries CloudTrail records itself rather than announcing an object: an EventBridge
    /// event of CloudTrail ("AWS API Call via CloudTrail", ...) sent to the queue by a rule, or a CloudWatch
    /// Logs subscription payload. Its records are read as a file's would be.
    /// </summary>
    Records,

    /// <summary><c>s3:TestEvent</c>, which S3 sends when a notification is configured: acknowledged and ignored.</summary>
    TestEvent,

    /// <summary>An SNS subscription confirmation that reached the queue: nothing to read; the subscription needs confirming.</summary>
    SubscriptionConfirmation,
}
