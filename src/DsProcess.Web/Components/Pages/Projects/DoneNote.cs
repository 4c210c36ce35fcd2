namespace DsProcess.Web.Components.Pages.Projects;

/// <summary>
/// What the "Mark done" dialog returns: a note for the next role, links to the evidence, the versions handed over, and
/// whether to register the dataset version the task produced.
/// </summary>
public sealed record DoneNote(string? Note, IReadOnlyList<string> Evidence, IReadOnlyList<Guid> DatasetVersionIds, Guid? ModelVersionId, bool RegisterDataset);
