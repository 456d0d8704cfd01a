namespace DetectionKit.Engine.Integrity;

/// <summary>What verification found wrong with one object (or run of objects); each has its own diagnostic code.</summary>
public enum IntegrityFindingKind
{
    DigestUnreadable,
    DigestUnsigned,
    DigestUnknownKey,
    DigestSignatureInvalid,
    DigestMoved,
    PreviousDigestMissing,
    PreviousDigestMismatch,
    ChainGap,
    LogFileMissing,
    LogFileChanged,
    LogFileAdded,
    LogFilesNotCovered,
    Unchecked,
    NoDigests,
}
