using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lookout.Kernel.Http;

/// <summary>
/// Binds a <see cref="JsonElement"/> (a body of free-form fields, such as plugin settings or sample data) only when
/// each of its strings and names is valid UTF-16. The JSON reader accepts an escaped lone surrogate (<c>"\ud800"</c>)
/// and the element only fails when a handler reads the string, a 500; failing here makes it a 400 naming the field,
/// as for any typed field.
/// </summary>
internal sealed class ValidTextJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var element = JsonElement.ParseValue(ref reader);
        try
        {
            Decode(element);
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException("Not valid text: a string holds a lone UTF-16 surrogate.", e);
        }
        return element;
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        value.WriteTo(writer);
    }

    /// <summary>Reads every string and name once, as a handler would (the reader's depth limit bounds the recursion).</summary>
    private static void Decode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    Decode(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Decode(item);
                }
                break;
        }
    }
}
