using System.Runtime.CompilerServices;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Compilation.Caching;

/// <summary>
/// A layer around <see cref="RuleCompiler"/> that keeps what a compilation produced on disk, so the
/// next load of the same rules starts without the compiler. Rule scripts are untrusted input, so an
/// entry is used only when it is for exactly these inputs (<see cref="CacheKey"/>) and its seal holds
/// under this machine's key (<see cref="EntrySeal"/>); anything else is compiled and checked in full
/// and the entry replaced. Two processes may fill the same entry at once: each writes a whole file and
/// renames it into place.
/// </summary>
public sealed class RuleCache
{
    /// <summary>Entries kept; the least recently used beyond these are deleted when one is stored.</summary>
    public const int MaxEntries = 64;

    private const string EntryExtension = ".rules";

    private readonly string? folder;
    private readonly Action<CacheEvent>? report;
    private readonly byte[] engine = [];

    /// <param name="folder">The cache folder (created, owner-only, when first needed).</param>
    /// <param name="report">Told what the cache did for each compilation: for verbose output.</param>
    public RuleCache(string folder, Action<CacheEvent>? report = null)
        : this(folder, report, CacheKey.CurrentEngine)
    {
    }

    /// <param name="folder">The cache folder.</param>
    /// <param name="report">Told what the cache did for each compilation.</param>
    /// <param name="engine">What identifies the engine in the key (tests stand in another build with it).</param>
    internal RuleCache(string folder, Action<CacheEvent>? report, byte[] engine)
    {
        this.folder = Path.GetFullPath(folder);
        this.report = report;
        this.engine = engine;
    }

    private RuleCache()
    {
    }

    /// <summary>Compiles every time and keeps nothing.</summary>
    public static RuleCache Disabled { get; } = new();

    /// <summary>The cache the environment asks for (see <see cref="CacheFolder"/>), or <see cref="Disabled"/> when it or <paramref name="disabled"/> turns it off.</summary>
    public static RuleCache Open(bool disabled = false, Action<CacheEvent>? report = null) =>
        !disabled && CacheFolder.Resolve() is { } folder ? new RuleCache(folder, report) : Disabled;

    /// <summary>The folder entries are kept in; null when the cache is disabled.</summary>
    public string? Folder => folder;

    /// <summary>What <see cref="RuleCompiler.Compile"/> returns for the same arguments, from the cache when a valid entry is there.</summary>
    public RuleCompilationResult Compile(IReadOnlyList<RuleDefinition> rules, EvaluationBudget? budget = null, Func<string, IReadOnlyList<RuleSuppression>>? suppressions = null)
    {
        if (folder is null)
        {
            return CompileAll(rules, budget, suppressions);
        }

        var key = CacheKey.Compute(engine, rules, budget, suppressions);
        var entry = Path.Combine(folder, key + EntryExtension);
        byte[]? machineKey = null;
        string? refusal = null;
        try
        {
            CacheFiles.CreateFolder(folder);
            machineKey = MachineKey.Load(folder);
            if (File.Exists(entry) && Read(entry, key, machineKey, rules, out refusal) is { } cached)
            {
                Touch(entry);
                report?.Invoke(new CacheEvent(CacheOutcome.Hit, entry));
                return cached.Load(rules, budget, suppressions);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            refusal = $"the cache could not be used: {ex.Message}";
        }

        var scripts = CompileScripts(rules, suppressions);
        var stored = machineKey is null ? refusal : Store(entry, key, machineKey, scripts);
        report?.Invoke(refusal is not null && machineKey is not null ? new CacheEvent(CacheOutcome.Rebuilt, entry, refusal) : new CacheEvent(CacheOutcome.Miss, entry, stored));
        return scripts.Load(rules, budget, suppressions);
    }

    private static CompiledScripts? Read(string entry, string key, byte[] machineKey, IReadOnlyList<RuleDefinition> rules, out string? refusal)
    {
        var payload = EntrySeal.Open(File.ReadAllBytes(entry), machineKey, out refusal);
        if (payload is null)
        {
            return null;
        }

        try
        {
            var scripts = CacheEntryFormat.Read(payload.Value, key);
            if (!scripts.Fits(rules))
            {
                refusal = "the entry's scripts are not those of these rules";
                return null;
            }

            return scripts;
        }
        catch (InvalidDataException ex)
        {
            refusal = ex.Message;
            return null;
        }
    }

    /// <returns>Why the entry could not be stored; null when it was.</returns>
    private string? Store(string entry, string key, byte[] machineKey, CompiledScripts scripts)
    {
        try
        {
            CacheFiles.ReplaceAtomically(entry, EntrySeal.Seal(CacheEntryFormat.Write(key, scripts), machineKey));
            Prune();
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    /// <summary>Keeps the most recently used entries, and deletes what a killed writer left behind.</summary>
    private void Prune()
    {
        var directory = new DirectoryInfo(folder!);
        var stale = directory.EnumerateFiles("*" + EntryExtension)
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .Skip(MaxEntries)
            .Concat(directory.EnumerateFiles(".*.tmp").Where(f => f.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1)));
        foreach (var file in stale)
        {
            try
            {
                file.Delete();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another process may be pruning too.
            }
        }
    }

    private static void Touch(string entry)
    {
        try
        {
            File.SetLastWriteTimeUtc(entry, DateTime.UtcNow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only the pruning order depends on it.
        }
    }

    // Apart, and never inlined: a warm start must not load the compiler, which only these reach.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RuleCompilationResult CompileAll(IReadOnlyList<RuleDefinition> rules, EvaluationBudget? budget, Func<string, IReadOnlyList<RuleSuppression>>? suppressions) =>
        RuleCompiler.Compile(rules, budget, suppressions);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CompiledScripts CompileScripts(IReadOnlyList<RuleDefinition> rules, Func<string, IReadOnlyList<RuleSuppression>>? suppressions) =>
        RuleCompiler.CompileScripts(rules, suppressions);
}
