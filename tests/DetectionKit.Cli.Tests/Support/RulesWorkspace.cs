namespace DetectionKit.Cli.Tests.Support;

/// <summary>A temporary folder with a <c>rules/</c> tree that tests write rules into; deleted on dispose.</summary>
internal sealed class RulesWorkspace : IDisposable
{
    public RulesWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "detectionkit-cli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Rules);
    }

    public string Root { get; }

    public string Rules => Path.Combine(Root, "rules");

    /// <summary>Writes <c>rules/&lt;name&gt;.yml</c> and, when given, the script beside it; returns the YAML path.</summary>
    public string AddRule(string name, string yaml, string? script = null)
    {
        var yamlPath = Path.Combine(Rules, name + ".yml");
        Directory.CreateDirectory(Path.GetDirectoryName(yamlPath)!);
        File.WriteAllText(yamlPath, yaml);
        if (script is not null)
        {
            File.WriteAllText(Path.ChangeExtension(yamlPath, ".csx"), script);
        }

        return yamlPath;
    }

    public string AddFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
