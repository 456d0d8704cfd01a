using System.Text.Json;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Sources;

namespace DetectionKit.Engine.Tests.Fuzzing;

/// <summary>What a reader must do with any input, however broken: hand out only records, and say why about everything else.</summary>
internal static class RecordReaderCheck
{
    /// <summary>The fuzzers' limits, small so that a case stays cheap while every limit is reached often.</summary>
    public static ReadLimits Limits { get; } = new() { MaxObjectBytes = 2 * 1024 * 1024, MaxRecordBytes = 128 * 1024 };

    /// <summary>What broke, or null.</summary>
    public static string? Problem(string origin, IEnumerable<JsonValueKind> records, IReadOnlyList<Diagnostic> problems, bool readToEnd, ReadFailure? failure, long bytesRead)
    {
        if (records.FirstOrDefault(kind => kind != JsonValueKind.Object) is var kind && kind != JsonValueKind.Undefined)
        {
            return $"handed out a {kind} as a record";
        }

        foreach (var problem in problems)
        {
            if (problem.Location.Path != origin)
            {
                return $"a problem names {problem.Location.Path}, not the input {origin}: {problem}";
            }

            if (problem.Code is not (DiagnosticCodes.InputUnreadable or DiagnosticCodes.InvalidRecord) || string.IsNullOrWhiteSpace(problem.Message) || problem.Message.Contains("   at ", StringComparison.Ordinal))
            {
                return $"not a clear input diagnostic: {problem}";
            }
        }

        if (!readToEnd && failure is null)
        {
            return "not read to its end, and no failure says why";
        }

        if (failure is not null && !problems.Any(p => p.IsError && p.Code == DiagnosticCodes.InputUnreadable))
        {
            return $"failed ({failure.Reason}: {failure.Message}) without a DK4001 error";
        }

        var most = Limits.MaxObjectBytes + Limits.MaxRecordBytes + (1024 * 1024);
        return bytesRead > most ? $"read {bytesRead:N0} decompressed bytes, past the object limit of {Limits.MaxObjectBytes:N0}" : null;
    }
}
