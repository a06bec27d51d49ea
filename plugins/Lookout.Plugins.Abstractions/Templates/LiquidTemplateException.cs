namespace Lookout.Plugins;

/// <summary>A Liquid template that cannot be rendered: a syntax error, a field it may not read, or a bound it exceeded.</summary>
public sealed class LiquidTemplateException : Exception
{
    /// <summary>An error with no position.</summary>
    public LiquidTemplateException()
    {
    }

    /// <summary>An error with no position.</summary>
    /// <param name="message">What is wrong, in words an admin understands.</param>
    public LiquidTemplateException(string message)
        : base(message)
    {
    }

    /// <summary>An error caused by another.</summary>
    /// <param name="message">What is wrong, in words an admin understands.</param>
    /// <param name="innerException">The engine's own error.</param>
    public LiquidTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error at a place in the template; the message starts with "Line L, column C: ".</summary>
    /// <param name="message">What is wrong, in words an admin understands, with its position in front.</param>
    /// <param name="line">1-based line of the template.</param>
    /// <param name="column">1-based column of the template.</param>
    public LiquidTemplateException(string message, int line, int column)
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
