namespace Lookout.Plugins.Testing;

/// <summary>How the target a conformance test sends to should answer.</summary>
public enum TargetBehaviour
{
    /// <summary>Accept the notification.</summary>
    Accept,

    /// <summary>Fail in a way worth retrying (an HTTP 503, a busy server, a dropped connection).</summary>
    FailTransiently,

    /// <summary>Refuse in a way no retry fixes (an HTTP 400, an unknown mailbox).</summary>
    FailPermanently,

    /// <summary>Never answer, so that only cancellation ends the attempt.</summary>
    Hang,
}
