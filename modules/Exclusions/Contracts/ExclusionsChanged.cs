namespace Lookout.Exclusions.Contracts;

/// <summary>Kernel event: an exclusion of the workspace was created, changed or deleted.</summary>
public sealed record ExclusionsChanged(string WorkspaceId);
