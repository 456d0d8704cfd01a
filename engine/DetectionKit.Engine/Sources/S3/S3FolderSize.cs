namespace DetectionKit.Engine.Sources.S3;

/// <summary>The log objects in range under one region folder (<c>…/AWSLogs/[o-ORG/]ACCOUNT/CloudTrail/REGION/</c>) and their stored, compressed, bytes.</summary>
public sealed record S3FolderSize(string Folder, long Objects, long Bytes);
