namespace DsProcess.Web.Components.Pages.Projects;

/// <summary>What the "Mark done" dialog returns: a note for the next role and links to the evidence.</summary>
public sealed record DoneNote(string? Note, IReadOnlyList<string> Evidence);
