namespace GoneLibrary;

public abstract class GoneChannelBase(string name)
{
    public string Name { get; } = name;
}
