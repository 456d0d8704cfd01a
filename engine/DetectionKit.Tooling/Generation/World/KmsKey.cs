namespace DetectionKit.Tooling.Generation.World;

/// <summary>A customer managed key and its alias.</summary>
internal sealed record KmsKey(string KeyId, string Alias, string Region, string AccountId)
{
    public string Arn => $"arn:aws:kms:{Region}:{AccountId}:key/{KeyId}";
}
