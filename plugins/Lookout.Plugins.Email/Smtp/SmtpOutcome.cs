using MailKit.Net.Smtp;

namespace Lookout.Plugins.Email.Smtp;

/// <summary>Reads an SMTP answer: 4xx may pass (transient), 5xx will not (permanent).</summary>
internal static class SmtpOutcome
{
    public static DeliveryResult Of(SmtpCommandException exception, string target)
    {
        var code = (int)exception.StatusCode;
        var said = MailHeaders.Clean(exception.Message, 300);
        return code switch
        {
            >= 500 and < 600 => DeliveryResult.Permanent($"{target} refused the message ({code}): {said}"),
            >= 400 and < 500 => DeliveryResult.Transient($"{target} deferred the message ({code}): {said}"),
            _ => DeliveryResult.Transient($"{target} could not be reached: {Innermost(exception)}"),
        };
    }

    private static string Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return MailHeaders.Clean(e.Message, 300);
    }
}
