using System.Net.Mail;

namespace Lookout.Plugins.Email;

/// <summary>Reads an SMTP failure: 4xx answers and connection problems may pass (transient), 5xx answers will not (permanent).</summary>
internal static class SmtpOutcome
{
    public static DeliveryResult Of(MailKit.Net.Smtp.SmtpCommandException exception, string target) =>
        Of((int)exception.StatusCode, exception.Message, exception, target);

    public static DeliveryResult Of(SmtpException exception, string target) =>
        Of((int)exception.StatusCode, exception.Message, exception, target);

    private static DeliveryResult Of(int code, string message, Exception exception, string target)
    {
        var said = MailHeaders.Clean(message, 300);
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
