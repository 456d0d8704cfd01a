namespace DetectionKit.Engine.Integrity;

/// <summary>How a digest's own checks came out.</summary>
internal enum DigestCheck
{
    Verified,
    Unreadable,
    Unsigned,
    UnknownKey,
    BadSignature,

    /// <summary>Found somewhere other than where it says CloudTrail delivered it.</summary>
    Moved,
    Unchecked,

    /// <summary>A previous digest outside the range, fetched only to check the link to it.</summary>
    LinkOnly,
}
