namespace DsProcess.Domain.Projects;

/// <summary>
/// One planned window moved by re-planning: a phase (<see cref="TaskId"/> null) or one of its tasks, before and after.
/// </summary>
public sealed record PlannedShift(
    PhaseKind Phase,
    Guid? TaskId,
    string Name,
    DateOnly? StartBefore,
    DateOnly? EndBefore,
    DateOnly? StartAfter,
    DateOnly? EndAfter);
