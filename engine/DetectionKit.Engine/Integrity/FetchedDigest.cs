namespace DetectionKit.Engine.Integrity;

/// <summary>
/// A digest object as fetched and checked: its parsed content (null when it does not read), the hex
/// SHA-256 of its uncompressed bytes and its signature from the object's metadata (what the next
/// digest's previous-digest fields must match), and whether its signature verified.
/// </summary>
internal sealed record FetchedDigest(DigestObjectKey Name, DigestFile? Content, string? Sha256Hex, string? Signature, DigestCheck Check);
