using System.Text;
using Fluid;

namespace Lookout.Kernel.Templates;

/// <summary>Where Fluid writes: it keeps the text and stops the render once the budget's cap or deadline passes.</summary>
internal sealed class BoundedOutput(RenderBudget budget) : IFluidOutput
{
    private readonly StringBuilder _text = new();
    private char[] _buffer = new char[4096];

    public void Write(string value)
    {
        budget.Wrote(value.Length);
        _text.Append(value);
    }

    public void Write(char[] buffer, int index, int count)
    {
        budget.Wrote(count);
        _text.Append(buffer, index, count);
    }

    public void Advance(int count)
    {
        budget.Wrote(count);
        _text.Append(_buffer, 0, count);
    }

    public Memory<char> GetMemory(int sizeHint = 0)
    {
        if (sizeHint > _buffer.Length)
        {
            _buffer = new char[sizeHint];
        }
        return _buffer;
    }

    public Span<char> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public ValueTask FlushAsync() => ValueTask.CompletedTask;

    public override string ToString() => _text.ToString();
}
