using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace Lookout.Kernel.Templates;

/// <summary>
/// An object of the data. Its fields are the only members a template may read of it (plus <c>size</c>): reading
/// anything else stops the render with an error naming the field, rather than printing nothing or reaching .NET.
/// </summary>
internal sealed class DataObject(Dictionary<string, FluidValue> fields, string path, RenderState render) : FluidValue
{
    private const int FieldsListed = 12;

    public override FluidValues Type => FluidValues.Dictionary;

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context)
    {
        render.Budget.Check();
        if (fields.TryGetValue(name, out var value))
        {
            return new ValueTask<FluidValue>(value);
        }
        if (name == "size")
        {
            return new ValueTask<FluidValue>(NumberValue.Create(fields.Count));
        }
        var where = path.Length == 0 ? "The data has" : $"{path} has";
        var known = fields.Count == 0 ? "no fields" : "the fields " + string.Join(", ", fields.Keys.Take(FieldsListed)) + (fields.Count > FieldsListed ? ", ..." : "");
        throw new TemplateStoppedException($"The template reads '{name}', which templates may not read: {where} {known}.");
    }

    public override ValueTask<FluidValue> GetIndexAsync(FluidValue index, TemplateContext context) =>
        GetValueAsync(index.ToStringValue(context), context);

    public override ValueTask<bool> ContainsAsync(FluidValue value, TemplateContext context) =>
        new(fields.ContainsKey(value.ToStringValue(context)));

    public override bool Equals(FluidValue other) => ReferenceEquals(this, other);

    public override bool ToBooleanValue(TemplateContext context) => true;

    public override decimal ToNumberValue(TemplateContext context) => 0;

    /// <summary>An object prints nothing: write its fields, or <c>json</c> it.</summary>
    public override string ToStringValue(TemplateContext context) => "";

    public override object ToObjectValue(TemplateContext context) => Plain(new TemplateContextAccess(context, render));

    public override ValueTask WriteToAsync(IFluidOutput output, TextEncoder encoder, TemplateContext context) => ValueTask.CompletedTask;

    public IEnumerable<KeyValuePair<string, FluidValue>> Fields => fields;

    public IReadOnlyDictionary<string, object?> Plain(TemplateContextAccess context) =>
        fields.ToDictionary(f => f.Key, f => LiquidData.Plain(f.Value, context), StringComparer.Ordinal);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

/// <summary>A moment in the render's time zone; written plainly, it takes the render's default date format. It has no members.</summary>
internal sealed class LocalDate(DateTimeOffset local, string defaultFormat) : FluidValue
{
    public DateTimeOffset Local { get; } = local;

    public override FluidValues Type => FluidValues.DateTime;

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) =>
        throw new TemplateStoppedException($"The template reads '{name}' of a date, which templates may not read: write the date with format_date, e.g. {{{{ lastSeen | format_date: \"yyyy\" }}}}.");

    public override ValueTask<FluidValue> GetIndexAsync(FluidValue index, TemplateContext context) =>
        GetValueAsync(index.ToStringValue(context), context);

    public override bool Equals(FluidValue other) => other is LocalDate date && date.Local == Local;

    public override bool ToBooleanValue(TemplateContext context) => true;

    public override decimal ToNumberValue(TemplateContext context) => Local.ToUnixTimeSeconds();

    public override string ToStringValue(TemplateContext context) => Local.ToString(defaultFormat, CultureInfo.InvariantCulture);

    public override object ToObjectValue(TemplateContext context) => Local;

    public override ValueTask WriteToAsync(IFluidOutput output, TextEncoder encoder, TemplateContext context) =>
        StringValue.Create(ToStringValue(context)).WriteToAsync(output, encoder, context);

    public override bool Equals(object? obj) => obj is FluidValue other && Equals(other);

    public override int GetHashCode() => Local.GetHashCode();
}
