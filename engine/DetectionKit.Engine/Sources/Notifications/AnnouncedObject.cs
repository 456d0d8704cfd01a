namespace DetectionKit.Engine.Sources.Notifications;

/// <summary>An S3 object a notification announces: where it is and, when the notification says, its size and ETag.</summary>
/// <param name="Bucket">The bucket's name.</param>
/// <param name="Key">The object's key, decoded (S3 event notifications URL-encode it).</param>
/// <param name="Size">Its size in bytes, when the notification gives it.</param>
/// <param name="ETag">Its ETag, when the notification gives it.</param>
public sealed record AnnouncedObject(string Bucket, string Key, long? Size = null, string? ETag = null)
{
    public override string ToString() => $"s3://{Bucket}/{Key}";
}
