namespace DsProcess.Web.Components.Pages.Projects;

/// <summary>What the "Mark done" dialog returns: a note for the next role, links to the evidence and the versions handed over.</summary>
public sealed record DoneNote(string? Note, IReadOnlyList<string> Evidence, IReadOnlyList<Guid> DatasetVersionIds, Guid? ModelVersionId);
