namespace DetectionKit.Tooling.Generation.Sessions;

/// <summary>The routine failures of a working account, spelled the way each service spells them.</summary>
internal static class ApiErrors
{
    /// <summary>A principal calling something its policies do not allow.</summary>
    public static ApiError AccessDenied(ApiCall call, string callerArn)
    {
        var action = $"{IamPrefix(call.Service)}:{call.EventName.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'v')}";
        var message = $"User: {callerArn} is not authorized to perform: {action} because no identity-based policy allows the {action} action";
        return call.Service switch
        {
            "ec2" => new("Client.UnauthorizedOperation", "You are not authorized to perform this operation. " + message),
            "s3" => new("AccessDenied", "Access Denied"),
            "iam" or "sts" or "cloudformation" or "autoscaling" or "elasticloadbalancing" or "rds" or "monitoring" => new("AccessDenied", message),
            _ => new("AccessDeniedException", message),
        };
    }

    /// <summary>An API rate limit: bursts from scanners, Terraform and the console's own polling hit them.</summary>
    public static ApiError Throttled(ApiCall call) => call.Service switch
    {
        "ec2" => new("Client.RequestLimitExceeded", "Request limit exceeded."),
        "iam" or "cloudformation" or "autoscaling" or "elasticloadbalancing" or "rds" or "monitoring" or "sts" => new("Throttling", "Rate exceeded"),
        "lambda" => new("TooManyRequestsException", "Rate exceeded"),
        _ => new("ThrottlingException", "Rate exceeded"),
    };

    /// <summary>A console sign-in with a wrong password.</summary>
    public static ApiError FailedSignIn => new(null, "Failed authentication");

    public static ApiError NoSuchEntity(string what) => new("NoSuchEntity", $"The {what} cannot be found.");

    public static ApiError NoSuchBucketPolicy => new("NoSuchBucketPolicy", "The bucket policy does not exist");

    public static ApiError NoSuchTagSet => new("NoSuchTagSet", "The TagSet does not exist");

    public static ApiError NoSuchLifecycleConfiguration => new("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist");

    public static ApiError NoSuchKey => new("NoSuchKey", "The specified key does not exist.");

    public static ApiError ResourceNotFound(string message) => new("ResourceNotFoundException", message);

    public static ApiError ParameterNotFound => new("ParameterNotFound", null);

    public static ApiError InvalidInstanceId(string instanceId) =>
        new("Client.InvalidInstanceID.NotFound", $"The instance ID '{instanceId}' does not exist");

    private static string IamPrefix(string service) => service switch
    {
        "monitoring" => "cloudwatch",
        "elasticloadbalancing" => "elasticloadbalancing",
        _ => service,
    };
}
