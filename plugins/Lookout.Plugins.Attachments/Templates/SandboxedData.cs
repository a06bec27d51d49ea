using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;
using HandlebarsDotNet.Iterators;
using HandlebarsDotNet.MemberAccessors;
using HandlebarsDotNet.ObjectDescriptors;
using HandlebarsDotNet.PathStructure;

namespace Lookout.Plugins.Attachments.Templates;

/// <summary>
/// How Handlebars may look into values: an object's fields, a list's items and <c>length</c>, and nothing of a
/// string, number, boolean or date (Handlebars would otherwise reflect their .NET members, e.g. <c>{{name.Length}}</c>).
/// </summary>
internal sealed class SandboxedData : IObjectDescriptorProvider
{
    private static readonly HashSet<Type> Scalars = [typeof(string), typeof(bool), typeof(long), typeof(int), typeof(decimal), typeof(double), typeof(TemplateDate)];

    public bool TryGetDescriptor(Type type, out ObjectDescriptor value)
    {
        if (type == typeof(TemplateObject))
        {
            value = new ObjectDescriptor(type, new ObjectFields(), (_, o) => ((TemplateObject)o).Keys, _ => new ReadOnlyDictionaryIterator<TemplateObject, string, object?>());
            return true;
        }
        if (type == typeof(TemplateList))
        {
            value = new ObjectDescriptor(type, new ListItems(), (_, _) => Array.Empty<object>(), _ => new ReadOnlyListIterator<TemplateList, object?>());
            return true;
        }
        if (Scalars.Contains(type))
        {
            value = new ObjectDescriptor(type, new NoMembers(), (_, _) => Array.Empty<object>(), _ => new NothingToIterate());
            return true;
        }
        value = ObjectDescriptor.Empty;
        return false;
    }

    private sealed class ObjectFields : IMemberAccessor
    {
        public bool TryGetValue(object instance, ChainSegment memberName, out object? value) =>
            ((TemplateObject)instance).TryGetValue(memberName.TrimmedValue, out value);
    }

    private sealed class ListItems : IMemberAccessor
    {
        public bool TryGetValue(object instance, ChainSegment memberName, out object? value)
        {
            var list = (TemplateList)instance;
            var name = memberName.TrimmedValue;
            if (name == "length")
            {
                value = (long)list.Count;
                return true;
            }
            if (int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < list.Count)
            {
                value = list[index];
                return true;
            }
            value = null;
            return false;
        }
    }

    private sealed class NoMembers : IMemberAccessor
    {
        public bool TryGetValue(object instance, ChainSegment memberName, out object? value)
        {
            value = null;
            return false;
        }
    }

    /// <summary>{{#each}} over a scalar renders its {{else}}, as over an empty list.</summary>
    private sealed class NothingToIterate : IIterator
    {
        public void Iterate(in EncodedTextWriter writer, BindingContext context, ChainSegment[] blockParamsVariables, object input, TemplateDelegate template, TemplateDelegate ifEmpty) =>
            ifEmpty(writer, context);
    }
}
