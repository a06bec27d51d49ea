using Lookout.Plugins;
using Lookout.Plugins.Popups;

[assembly: LookoutPlugin(typeof(PopupPlugin))]

namespace Lookout.Plugins.Popups;

/// <summary>The popup plugin: the <c>popup</c> channel, shown through the host's <see cref="IOperatorConsole"/>.</summary>
public sealed class PopupPlugin : ILookoutPlugin
{
    public void Register(IPluginRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        registration.AddChannel<PopupChannel>();
    }
}
