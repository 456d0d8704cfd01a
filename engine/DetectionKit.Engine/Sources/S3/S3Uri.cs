namespace DetectionKit.Engine.Sources.S3;

/// <summary>An <c>s3://bucket/prefix</c> address.</summary>
public sealed record S3Uri(string Bucket, string Prefix)
{
    public static bool IsS3(string text) => text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase);

    public static bool TryParse(string text, out S3Uri uri)
    {
        uri = new S3Uri(string.Empty, string.Empty);
        if (!IsS3(text))
        {
            return false;
        }

        var rest = text[5..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        if (bucket.Length == 0)
        {
            return false;
        }

        uri = new S3Uri(bucket, slash < 0 ? string.Empty : rest[(slash + 1)..]);
        return true;
    }

    public override string ToString() => $"s3://{Bucket}/{Prefix}";
}
