using System.Text;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Compilation.Caching;

/// <summary>
/// The payload of a cache entry: the key it was stored under, a mark that its scripts passed the
/// allow-list and the rule contract, and the <see cref="CompiledScripts"/>. Authentication is
/// <see cref="EntrySeal"/>'s; this only reads what was sealed, and throws on anything malformed.
/// </summary>
internal static class CacheEntryFormat
{
    private const byte Checked = 1;

    public static byte[] Write(string key, CompiledScripts scripts)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(key);
            // Only what passed the allow-list and the rule contract is ever emitted, so only that is stored.
            writer.Write(Checked);
            WriteBytes(writer, scripts.Assembly);
            WriteBytes(writer, scripts.Pdb);
            writer.Write(scripts.Scripts.Count);
            foreach (var script in scripts.Scripts)
            {
                writer.Write(script.RuleIndex);
                writer.Write(script.RuleId);
                writer.Write(script.Path);
                writer.Write(script.TypeName);
                writer.Write(script.SourcePaths.Count);
                foreach (var path in script.SourcePaths)
                {
                    writer.Write(path);
                }
            }

            writer.Write(scripts.Sources.Count);
            foreach (var (path, map) in scripts.Sources)
            {
                writer.Write(path);
                writer.Write(map.OriginalText);
                writer.Write(map.InstrumentedLines.Count);
                foreach (var (line, text) in map.InstrumentedLines)
                {
                    writer.Write(line);
                    writer.Write(text);
                }
            }

            writer.Write(scripts.Diagnostics.Count);
            foreach (var diagnostic in scripts.Diagnostics)
            {
                writer.Write(diagnostic.Code);
                writer.Write((byte)diagnostic.Severity);
                writer.Write(diagnostic.Message);
                writer.Write(diagnostic.Location.Path);
                writer.Write(diagnostic.Location.Line);
                writer.Write(diagnostic.Location.Column);
                writer.Write(diagnostic.RuleId is not null);
                writer.Write(diagnostic.RuleId ?? string.Empty);
            }
        }

        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The payload is malformed, was stored for another key, or does not record the allow-list check.</exception>
    public static CompiledScripts Read(ReadOnlyMemory<byte> payload, string key)
    {
        try
        {
            using var stream = new MemoryStream(payload.ToArray(), writable: false);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != key)
            {
                throw new InvalidDataException("the entry was stored for other inputs");
            }

            if (reader.ReadByte() != Checked)
            {
                throw new InvalidDataException("the entry does not record that its scripts passed the allow-list");
            }

            var assembly = ReadBytes(reader);
            var pdb = ReadBytes(reader);
            var scripts = Repeat(reader, () => new CompiledScript(reader.ReadInt32(), reader.ReadString(), reader.ReadString(), reader.ReadString(), Repeat(reader, reader.ReadString)));
            var sources = new Dictionary<string, ScriptSourceMap>(StringComparer.Ordinal);
            for (var count = Count(reader); count > 0; count--)
            {
                var path = reader.ReadString();
                var original = reader.ReadString();
                var lines = new Dictionary<int, string>();
                for (var lineCount = Count(reader); lineCount > 0; lineCount--)
                {
                    lines.Add(reader.ReadInt32(), reader.ReadString());
                }

                sources.Add(path, new ScriptSourceMap(path, original, lines));
            }

            var diagnostics = Repeat(reader, () => ReadDiagnostic(reader));
            if (stream.Position != stream.Length || scripts.SelectMany(s => s.SourcePaths).Any(p => !sources.ContainsKey(p)))
            {
                throw new InvalidDataException("the entry's parts do not fit together");
            }

            return new CompiledScripts(assembly, pdb, scripts, sources, diagnostics);
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or ArgumentException or FormatException)
        {
            throw new InvalidDataException($"the entry is malformed ({ex.Message})", ex);
        }
    }

    private static Diagnostic ReadDiagnostic(BinaryReader reader)
    {
        var code = reader.ReadString();
        var severity = (DiagnosticSeverity)reader.ReadByte();
        var message = reader.ReadString();
        var location = new SourceLocation(reader.ReadString(), reader.ReadInt32(), reader.ReadInt32());
        var hasRule = reader.ReadBoolean();
        var ruleId = reader.ReadString();
        return new Diagnostic(code, Enum.IsDefined(severity) ? severity : throw new InvalidDataException("unknown severity"), message, location, hasRule ? ruleId : null);
    }

    private static void WriteBytes(BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static byte[] ReadBytes(BinaryReader reader)
    {
        var length = Count(reader);
        var bytes = reader.ReadBytes(length);
        return bytes.Length == length ? bytes : throw new EndOfStreamException();
    }

    private static List<T> Repeat<T>(BinaryReader reader, Func<T> read)
    {
        var count = Count(reader);
        var items = new List<T>(Math.Min(count, 4096));
        for (var i = 0; i < count; i++)
        {
            items.Add(read());
        }

        return items;
    }

    private static int Count(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        return count >= 0 && count <= reader.BaseStream.Length - reader.BaseStream.Position ? count : throw new InvalidDataException("a count runs past the entry's end");
    }
}
