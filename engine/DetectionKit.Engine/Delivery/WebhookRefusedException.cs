using System.Net;

namespace DetectionKit.Engine.Delivery;

/// <summary>The webhook answered, but not with success.</summary>
public sealed class WebhookRefusedException(HttpStatusCode status, Uri? location = null)
    : Exception(location is null
        ? $"the webhook answered {(int)status} {status}"
        : $"the webhook answered {(int)status} {status}, redirecting to {location}; configure that URL instead (a redirected POST is not delivered)")
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>Worth retrying: the receiver is busy or failing, not rejecting the request itself.</summary>
    public bool IsTransient => Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)Status >= 500;
}
