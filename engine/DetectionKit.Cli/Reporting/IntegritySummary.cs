using DetectionKit.Engine.Integrity;

namespace DetectionKit.Cli.Reporting;

/// <summary>The counts of a verification in one line, as <c>verify</c> ends and <c>run --verify-digests</c> reports before it evaluates.</summary>
internal static class IntegritySummary
{
    public static string Text(IntegrityCounts counts) =>
        $"digests verified: {counts.DigestsVerified}/{counts.Digests}{(counts.BackfillDigests > 0 ? $" ({counts.BackfillDigests} backfill)" : string.Empty)}, " +
        $"log files verified: {counts.LogFilesVerified}/{counts.LogFilesListed}, missing: {counts.Missing}, changed: {counts.Changed}, added: {counts.Added}, " +
        $"unsigned: {counts.Unsigned}, bad signatures: {counts.BadSignatures}, unknown keys: {counts.UnknownKeys}, unreadable digests: {counts.UnreadableDigests}, " +
        $"chain gaps: {counts.ChainGaps}, not covered: {counts.NotCovered}, not checked: {counts.Unchecked}, not yet digested: {counts.NotYetDigested}";
}
