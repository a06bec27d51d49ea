namespace Lookout.Plugins;

/// <summary>A template that cannot be rendered: a syntax error, or a bound (size, time) it exceeded.</summary>
public sealed class AttachmentTemplateException : Exception
{
    /// <summary>An error with no position.</summary>
    public AttachmentTemplateException()
    {
    }

    /// <summary>An error with no position.</summary>
    /// <param name="message">What is wrong, in words an admin understands.</param>
    public AttachmentTemplateException(string message)
        : base(message)
    {
    }

    /// <summary>An error caused by another.</summary>
    /// <param name="message">What is wrong, in words an admin understands.</param>
    /// <param name="innerException">The engine's own error.</param>
    public AttachmentTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error at a place in the template.</summary>
    /// <param name="message">What is wrong, in words an admin understands.</param>
    /// <param name="line">1-based line of the template.</param>
    /// <param name="column">1-based column of the template.</param>
    public AttachmentTemplateException(string message, int line, int column)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line of the error in the template, when known.</summary>
    public int? Line { get; }

    /// <summary>1-based column of the error in the template, when known.</summary>
    public int? Column { get; }
}
