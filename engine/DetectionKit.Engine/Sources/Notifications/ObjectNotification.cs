namespace DetectionKit.Engine.Sources.Notifications;

/// <summary>What one queue message says: its shape, whether it came inside an SNS envelope, the objects it announces, and what in it was passed over or could not be read.</summary>
/// <param name="Shape">The shape of the message (of the SNS message inside, when <paramref name="ViaSns"/>).</param>
/// <param name="ViaSns">The message is an SNS notification whose <c>Message</c> held the shape.</param>
/// <param name="Objects">The objects to read, in the message's order.</param>
/// <param name="PassedOver">What the message held that is not an object to read (a deletion, a record of another service), each with why.</param>
/// <param name="Problem">Why the message cannot be read; null when it can.</param>
public sealed record ObjectNotification(NotificationShape Shape, bool ViaSns, IReadOnlyList<AnnouncedObject> Objects, IReadOnlyList<string> PassedOver, string? Problem)
{
    /// <summary>For <see cref="NotificationShape.Records"/>: the JSON text that holds the records (the SNS message's, when it came through SNS).</summary>
    public string? Records { get; init; }

    /// <summary>For <see cref="NotificationShape.Records"/>: what identifies those records however often they are delivered (EventBridge's event id, or a hash of the text).</summary>
    public string? RecordsId { get; init; }

    /// <summary>Nothing in the message is left to do once its objects are read: it can be deleted then.</summary>
    public bool CanBeDeleted => Problem is null;

    internal static ObjectNotification Unreadable(string problem, bool viaSns = false) => new(NotificationShape.Unrecognised, viaSns, [], [], problem);
}
