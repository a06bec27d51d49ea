using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Lookout.Kernel.Grains;

/// <summary>A grain interface bound to its implementation (added with <c>AddGrain</c>).</summary>
public sealed record GrainRegistration(Type Interface, Type Implementation);

/// <summary>What the runtime knows of one grain type: how to build it, its states, and a compiled invoker per method.</summary>
internal sealed class GrainType
{
    private readonly ObjectFactory _factory;
    private readonly (Func<IGrainStorage, string, string, JsonSerializerOptions, IGrainStateHandle> Create, string StateName)[] _states;

    public GrainType(GrainRegistration registration)
    {
        Interface = registration.Interface;
        Implementation = registration.Implementation;
        Name = Interface.FullName ?? Interface.Name;
        if (!typeof(Grain).IsAssignableFrom(Implementation) || !Interface.IsAssignableFrom(Implementation))
        {
            throw new InvalidOperationException($"{Implementation} must derive from Grain and implement {Interface}.");
        }
        var constructor = Implementation.GetConstructors().Single();
        var stateParameters = constructor.GetParameters()
            .Where(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IPersistentState<>))
            .ToArray();
        _states = stateParameters
            .Select(p => (StateFactory(p.ParameterType.GetGenericArguments()[0]), stateParameters.Length == 1 ? Name : $"{Name}/{p.Name}"))
            .ToArray();
        _factory = ActivatorUtilities.CreateFactory(Implementation, stateParameters.Select(p => p.ParameterType).ToArray());
        Invokers = Interface.GetInterfaces().Append(Interface)
            .SelectMany(i => i.GetMethods())
            .ToDictionary(m => m, CreateInvoker);
        UnboundReference = (GrainReference)DispatchProxy.Create(Interface, typeof(GrainReference));
    }

    public Type Interface { get; }

    public Type Implementation { get; }

    /// <summary>The stored name (grain_state.grain_type, grain_reminders.grain_type).</summary>
    public string Name { get; }

    public IReadOnlyDictionary<MethodInfo, GrainMethodInvoker> Invokers { get; }

    /// <summary>An unbound proxy of <see cref="Interface"/>, copied for each reference (<see cref="GrainReference.For"/>).</summary>
    public GrainReference UnboundReference { get; }

    public (Grain Grain, IGrainStateHandle[] States) Create(IServiceProvider services, IGrainStorage storage, string key, JsonSerializerOptions json)
    {
        var states = new IGrainStateHandle[_states.Length];
        var arguments = new object[_states.Length];
        for (var i = 0; i < _states.Length; i++)
        {
            var (create, stateName) = _states[i];
            var state = create(storage, stateName, key, json);
            states[i] = state;
            arguments[i] = state;
        }
        return ((Grain)_factory(services, arguments), states);
    }

    /// <summary>A compiled constructor of <c>PersistentState&lt;T&gt;</c>: activations are frequent, reflection per one is not cheap.</summary>
    private static Func<IGrainStorage, string, string, JsonSerializerOptions, IGrainStateHandle> StateFactory(Type stateType)
    {
        var constructor = typeof(PersistentState<>).MakeGenericType(stateType)
            .GetConstructor([typeof(IGrainStorage), typeof(string), typeof(string), typeof(JsonSerializerOptions)])
            ?? throw new InvalidOperationException($"PersistentState<{stateType}> has no constructor (storage, name, key, json).");
        var parameters = constructor.GetParameters().Select(p => Expression.Parameter(p.ParameterType, p.Name)).ToArray();
        return Expression.Lambda<Func<IGrainStorage, string, string, JsonSerializerOptions, IGrainStateHandle>>(
            Expression.Convert(Expression.New(constructor, parameters), typeof(IGrainStateHandle)), parameters).Compile();
    }

    private static GrainMethodInvoker CreateInvoker(MethodInfo method)
    {
        var returnType = method.ReturnType;
        var resultType = returnType == typeof(Task) ? typeof(VoidResult)
            : returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>) ? returnType.GetGenericArguments()[0]
            : throw new InvalidOperationException($"Grain method {method.DeclaringType}.{method.Name} must return Task or Task<T>.");

        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object[]), "args");
        var call = Expression.Call(
            Expression.Convert(grain, method.DeclaringType!),
            method,
            method.GetParameters().Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType)));
        var body = Expression.Lambda<Func<object, object?[]?, Task>>(Expression.Convert(call, typeof(Task)), grain, args).Compile();
        return (GrainMethodInvoker)Activator.CreateInstance(typeof(GrainMethodInvoker<>).MakeGenericType(resultType), body)!;
    }
}

/// <summary>The result type of grain methods that return a plain <see cref="Task"/>.</summary>
internal sealed class VoidResult;

internal abstract class GrainMethodInvoker
{
    public abstract object Invoke(GrainRuntime runtime, GrainType type, string key, object?[]? args);
}

internal sealed class GrainMethodInvoker<TResult>(Func<object, object?[]?, Task> method) : GrainMethodInvoker
{
    public override object Invoke(GrainRuntime runtime, GrainType type, string key, object?[]? args)
    {
        var call = new GrainCall<TResult>(method, args);
        runtime.Deliver(type, key, call);
        return call.Task;
    }
}

/// <summary>The object a caller holds for a grain: each method call becomes a message to the activation.</summary>
#pragma warning disable CA1852 // DispatchProxy derives from it at run time
public class GrainReference : DispatchProxy
#pragma warning restore CA1852
{
    private GrainRuntime _runtime = null!;
    private GrainType _type = null!;

    /// <summary>The grain's key.</summary>
    public string Key { get; private set; } = "";

    /// <summary>
    /// A reference to the grain of <paramref name="key"/>: a copy of this unbound one. Copying the proxy costs a
    /// fraction of what <see cref="DispatchProxy.Create{T, TProxy}"/> does, which builds each one through reflection.
    /// </summary>
    internal GrainReference For(GrainRuntime runtime, GrainType type, string key)
    {
        var reference = (GrainReference)MemberwiseClone();
        reference._runtime = runtime;
        reference._type = type;
        reference.Key = key;
        return reference;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _type.Invokers[targetMethod!].Invoke(_runtime, _type, Key, args);
}
