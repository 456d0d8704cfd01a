namespace DetectionKit.Engine.Rules;

/// <summary>
/// Where a rule imported from Sigma came from (the YAML's <c>sigma:</c> block): the Sigma rule's id
/// and the metadata Sigma keeps that DetectionKit has no key of its own for. It lets a re-import, a
/// diff against SigmaHQ or a reviewer find the original; nothing in the engine acts on it.
/// </summary>
public sealed record SigmaOrigin
{
    /// <summary>The Sigma rule's <c>id</c> (a UUID); null when the Sigma rule had none.</summary>
    public string? Id { get; init; }

    /// <summary>The Sigma file's name, as imported.</summary>
    public string? File { get; init; }

    /// <summary>The Sigma <c>status</c>: <c>stable</c>, <c>test</c>, <c>experimental</c>, <c>deprecated</c>, <c>unsupported</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The Sigma rule's <c>author</c>.</summary>
    public string? Author { get; init; }

    /// <summary>The Sigma rule's <c>date</c> (created) and <c>modified</c>, as written.</summary>
    public string? Date { get; init; }

    /// <inheritdoc cref="Date"/>
    public string? Modified { get; init; }

    /// <summary>The Sigma rule's <c>license</c> (an SPDX id), when it names one.</summary>
    public string? License { get; init; }
}
