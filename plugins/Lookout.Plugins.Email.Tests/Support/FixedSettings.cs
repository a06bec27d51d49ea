namespace Lookout.Plugins.Email.Tests.Support;

/// <summary>Settings that stay as the test set them.</summary>
public sealed class FixedSettings<T>(T current) : IPluginSettings<T>
    where T : class
{
    public T Current { get; } = current;
}
