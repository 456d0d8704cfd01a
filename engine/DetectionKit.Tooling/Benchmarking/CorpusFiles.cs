namespace DetectionKit.Tooling.Benchmarking;

/// <summary>Files given with <c>--source</c>, expanded as <c>run</c> expands them, so every measurement reads the same list.</summary>
public static class CorpusFiles
{
    // The names FileEventSource reads inside a directory.
    private static readonly string[] RecordExtensions = [".json", ".jsonl", ".ndjson", ".gz"];

    /// <summary>Each file as given; each directory's record files, recursively, in name order.</summary>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a directory.</exception>
    public static BenchCorpus FromSources(IReadOnlyList<string> sources)
    {
        var files = new List<string>();
        foreach (var source in sources)
        {
            if (Directory.Exists(source))
            {
                files.AddRange(Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                    .Where(f => RecordExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(source))
            {
                files.Add(source);
            }
            else
            {
                throw new FileNotFoundException($"{source}: no such file or directory", source);
            }
        }

        return new BenchCorpus(files, null, null, $"{files.Count:N0} files from {string.Join(", ", sources)}");
    }
}
