using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Engine.Integrity;

/// <summary>Findings and counts gathered while a verification runs (from parallel checks), turned into the report at the end.</summary>
internal sealed class IntegrityTally
{
    private readonly Lock gate = new();
    private readonly List<IntegrityFinding> findings = [];
    private int digests;
    private int verified;
    private int backfill;
    private int listed;
    private int logsVerified;
    private int notYetDigested;
    private int notCovered;

    public int Digests
    {
        get
        {
            lock (gate)
            {
                return digests;
            }
        }
    }

    public bool Has(IntegrityFindingKind kind)
    {
        lock (gate)
        {
            return findings.Exists(f => f.Kind == kind);
        }
    }

    public void Add(IntegrityFindingKind kind, string obj, string message)
    {
        lock (gate)
        {
            findings.Add(new IntegrityFinding(kind, obj, message));
        }
    }

    public void Digest(bool isBackfill, bool isVerified)
    {
        lock (gate)
        {
            digests++;
            backfill += isBackfill ? 1 : 0;
            verified += isVerified ? 1 : 0;
        }
    }

    public void LogFile(bool isVerified)
    {
        lock (gate)
        {
            listed++;
            logsVerified += isVerified ? 1 : 0;
        }
    }

    public void NotYetDigested(int count)
    {
        lock (gate)
        {
            notYetDigested += count;
        }
    }

    /// <summary>Log files no digest covers, reported as one finding for the run of them.</summary>
    public void NotCovered(int count, string folder, string message)
    {
        lock (gate)
        {
            notCovered += count;
            findings.Add(new IntegrityFinding(IntegrityFindingKind.LogFilesNotCovered, folder, message));
        }
    }

    public IntegrityReport Report(S3SourceOptions options)
    {
        lock (gate)
        {
            // Objects in key order, so a report reads down the bucket and two runs over the same bucket print the same.
            var ordered = findings.OrderBy(f => f.Object, StringComparer.Ordinal).ThenBy(f => f.Kind).ThenBy(f => f.Message, StringComparer.Ordinal).ToList();
            int Count(params IntegrityFindingKind[] kinds) => ordered.Count(f => kinds.Contains(f.Kind));
            var counts = new IntegrityCounts
            {
                Digests = digests,
                DigestsVerified = verified,
                BackfillDigests = backfill,
                Unsigned = Count(IntegrityFindingKind.DigestUnsigned),
                BadSignatures = Count(IntegrityFindingKind.DigestSignatureInvalid),
                UnknownKeys = Count(IntegrityFindingKind.DigestUnknownKey),
                UnreadableDigests = Count(IntegrityFindingKind.DigestUnreadable),
                LogFilesListed = listed,
                LogFilesVerified = logsVerified,
                Missing = Count(IntegrityFindingKind.LogFileMissing),
                Changed = Count(IntegrityFindingKind.LogFileChanged),
                Added = Count(IntegrityFindingKind.LogFileAdded),
                ChainGaps = Count(IntegrityFindingKind.ChainGap, IntegrityFindingKind.PreviousDigestMissing, IntegrityFindingKind.PreviousDigestMismatch),
                NotCovered = notCovered,
                NotYetDigested = notYetDigested,
                Unchecked = Count(IntegrityFindingKind.Unchecked),
            };
            return new IntegrityReport(options.Location.ToString(), options.Since, options.Until, ordered, counts);
        }
    }
}
