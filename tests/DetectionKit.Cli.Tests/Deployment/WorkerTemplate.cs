using DetectionKit.Tests.Shared;
using YamlDotNet.RepresentationModel;

namespace DetectionKit.Cli.Tests.Deployment;

/// <summary>
/// The example CloudFormation template (<c>docs/deploy/worker.cloudformation.yml</c>) read with YamlDotNet's
/// representation model: it keeps CloudFormation's short-form tags (<c>!Ref</c>, <c>!GetAtt</c>, <c>!Sub</c>,
/// <c>!If</c>) as tags on their nodes, where a deserializer to objects would stop at the first unknown tag.
/// </summary>
internal sealed class WorkerTemplate
{
    public static readonly string Path = System.IO.Path.Combine(RepositoryPaths.Root, "docs", "deploy", "worker.cloudformation.yml");

    private readonly YamlMappingNode root;

    private WorkerTemplate(YamlMappingNode root) => this.root = root;

    public static WorkerTemplate Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path);
        stream.Load(reader);
        return new WorkerTemplate((YamlMappingNode)stream.Documents.Single().RootNode);
    }

    public YamlMappingNode Resources => Map(root, "Resources");

    /// <summary>Every resource of a type, by logical id.</summary>
    public IEnumerable<(string Name, YamlMappingNode Resource)> OfType(string type) =>
        Resources.Children.Select(c => (((YamlScalarNode)c.Key).Value!, (YamlMappingNode)c.Value)).Where(r => Text(r.Item2, "Type") == type);

    public YamlMappingNode Properties(string resource) => Map(Map(Resources, resource), "Properties");

    public static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)Child(node, key);

    public static YamlSequenceNode Sequence(YamlNode node, string key) => (YamlSequenceNode)Child(node, key);

    public static string Text(YamlNode node, string key) => ((YamlScalarNode)Child(node, key)).Value!;

    public static YamlNode Child(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : throw new KeyNotFoundException($"{key} is not in {node.Start}: {node}");

    /// <summary>A node's tag and value as written, such as <c>!GetAtt StateTable.Arn</c> or <c>PAY_PER_REQUEST</c>.</summary>
    public static string Written(YamlNode node) => node switch
    {
        YamlScalarNode scalar when TagOf(scalar) is { Length: > 0 } tag && tag != "tag:yaml.org,2002:str" => $"{tag} {scalar.Value}",
        YamlScalarNode scalar => scalar.Value!,
        _ => node.ToString(),
    };

    /// <summary>
    /// A list's items as CloudFormation would see them with every condition true: an <c>!If</c> item is its
    /// first branch (the optional statements and arguments are then all there), <c>!Ref AWS::NoValue</c> dropped.
    /// </summary>
    public static IEnumerable<YamlNode> AllBranches(YamlSequenceNode list)
    {
        foreach (var item in list)
        {
            var chosen = TagOf(item) == "!If" ? ((YamlSequenceNode)item).Children[1] : item;
            if (Written(chosen) != "!Ref AWS::NoValue")
            {
                yield return chosen;
            }
        }
    }

    /// <summary>An explicit tag such as <c>!Sub</c>; empty for a plain node (YamlDotNet has no value for a non-specific tag).</summary>
    public static string TagOf(YamlNode node) => node.Tag.IsEmpty || node.Tag.IsNonSpecific ? string.Empty : node.Tag.Value;

    /// <summary>A policy statement's actions or resources: one string or a list of them.</summary>
    public static IReadOnlyList<YamlNode> OneOrMany(YamlNode statement, string key) =>
        Child(statement, key) is YamlSequenceNode many ? many.Children.ToList() : [Child(statement, key)];
}
