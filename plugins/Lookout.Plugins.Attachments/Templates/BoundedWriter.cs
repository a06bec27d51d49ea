using System.Text;

namespace Lookout.Plugins.Attachments.Templates;

/// <summary>Where Handlebars writes: it keeps the text and stops the render once the budget's cap or deadline passes.</summary>
internal sealed class BoundedWriter(RenderBudget budget) : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        budget.Wrote(1);
        _text.Append(value);
    }

    public override void Write(string? value)
    {
        if (value is not null)
        {
            budget.Wrote(value.Length);
            _text.Append(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        budget.Wrote(count);
        _text.Append(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        budget.Wrote(buffer.Length);
        _text.Append(buffer);
    }

    public override void Write(StringBuilder? value)
    {
        if (value is not null)
        {
            budget.Wrote(value.Length);
            _text.Append(value);
        }
    }

    public override string ToString() => _text.ToString();
}
