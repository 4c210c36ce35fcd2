namespace DsProcess.Domain.Projects;

/// <summary>The moves a task's status can make.</summary>
public enum TaskMove
{
    Start,
    Block,
    Unblock,
    Done,
    NotApplicable,
    Reopen,
}

/// <summary>
/// Which moves the task rules allow from a given situation, for screens that offer only what will succeed.
/// <see cref="ProjectTask"/> enforces the same rules (a test keeps the two in step); checklist completeness
/// is not considered here, the task refuses Done with the list of missing items.
/// </summary>
public static class TaskWorkflow
{
    public static bool NeedsReason(TaskMove move) => move is TaskMove.Block or TaskMove.NotApplicable or TaskMove.Reopen;

    public static IReadOnlyList<TaskMove> AllowedMoves(ProjectTaskStatus status, bool isOptional, PhaseState phase)
    {
        if (phase is PhaseState.AwaitingGate or PhaseState.Completed)
        {
            return [];
        }

        var moves = new List<TaskMove>();
        switch (status)
        {
            case ProjectTaskStatus.NotStarted:
                moves.Add(TaskMove.Start);
                moves.Add(TaskMove.Block);
                break;
            case ProjectTaskStatus.InProgress:
                if (phase == PhaseState.Active)
                {
                    moves.Add(TaskMove.Done);
                }

                moves.Add(TaskMove.Block);
                break;
            case ProjectTaskStatus.Blocked:
                moves.Add(TaskMove.Unblock);
                break;
            case ProjectTaskStatus.Done:
            case ProjectTaskStatus.NotApplicable:
                moves.Add(TaskMove.Reopen);
                break;
        }

        if (isOptional && status is ProjectTaskStatus.NotStarted or ProjectTaskStatus.InProgress or ProjectTaskStatus.Blocked)
        {
            moves.Add(TaskMove.NotApplicable);
        }

        return moves;
    }
}
