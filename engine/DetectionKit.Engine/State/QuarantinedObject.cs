namespace DetectionKit.Engine.State;

/// <summary>
/// An input object that failed for what it is (corrupt, truncated, expanding past the limit: see
/// <c>ReadFailure.IsPermanent</c>), so reading it again would fail again. It counts as covered, is
/// reported on every run, and is read again only when its <see cref="ETag"/> changes.
/// </summary>
/// <param name="Scope">The checkpoint scope (a job and its source).</param>
/// <param name="Key">The object key.</param>
/// <param name="ETag">The object's version as read; a listing with another ETag means it was replaced.</param>
/// <param name="Size">Stored (compressed) bytes, as read.</param>
/// <param name="Reason">What is wrong with it, as the read reported it.</param>
/// <param name="FirstSeen">When a run first quarantined the key.</param>
/// <param name="LastSeen">When a run last listed or read it.</param>
public sealed record QuarantinedObject(string Scope, string Key, string ETag, long Size, string Reason, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);
