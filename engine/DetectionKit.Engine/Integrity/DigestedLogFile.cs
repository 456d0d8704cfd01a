namespace DetectionKit.Engine.Integrity;

/// <summary>A log file as a digest lists it: where it was delivered and the SHA-256 (hex) of its uncompressed content.</summary>
public sealed record DigestedLogFile(string S3Bucket, string S3Object, string HashValue, string HashAlgorithm, string? NewestEventTime, string? OldestEventTime);
