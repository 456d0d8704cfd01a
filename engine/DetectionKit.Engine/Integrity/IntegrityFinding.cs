using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Integrity;

/// <summary>
/// One thing verification found wrong, about one object (<c>s3://bucket/key</c>, or a folder for what
/// spans several): what kind of problem and, in a sentence a SOC reads, what exactly.
/// </summary>
public sealed record IntegrityFinding(IntegrityFindingKind Kind, string Object, string Message)
{
    public string Code => Kind switch
    {
        IntegrityFindingKind.DigestUnreadable => DiagnosticCodes.DigestUnreadable,
        IntegrityFindingKind.DigestUnsigned => DiagnosticCodes.DigestUnsigned,
        IntegrityFindingKind.DigestUnknownKey => DiagnosticCodes.DigestUnknownKey,
        IntegrityFindingKind.DigestSignatureInvalid => DiagnosticCodes.DigestSignatureInvalid,
        IntegrityFindingKind.DigestMoved => DiagnosticCodes.DigestMoved,
        IntegrityFindingKind.PreviousDigestMissing => DiagnosticCodes.PreviousDigestMissing,
        IntegrityFindingKind.PreviousDigestMismatch => DiagnosticCodes.PreviousDigestMismatch,
        IntegrityFindingKind.ChainGap => DiagnosticCodes.DigestChainGap,
        IntegrityFindingKind.LogFileMissing => DiagnosticCodes.LogFileMissing,
        IntegrityFindingKind.LogFileChanged => DiagnosticCodes.LogFileChanged,
        IntegrityFindingKind.LogFileAdded => DiagnosticCodes.LogFileAdded,
        IntegrityFindingKind.LogFilesNotCovered => DiagnosticCodes.LogFilesNotCovered,
        IntegrityFindingKind.Unchecked => DiagnosticCodes.IntegrityUnchecked,
        _ => DiagnosticCodes.NoDigests,
    };

    /// <summary>The finding in the shape every command prints: <c>s3://bucket/key: error DK80nn: message</c>.</summary>
    public Diagnostic ToDiagnostic() => Diagnostic.Error(Code, new SourceLocation(Object), Message);
}
