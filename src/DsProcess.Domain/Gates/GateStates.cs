using DsProcess.Domain.Projects;

namespace DsProcess.Domain.Gates;

public static class GateStates
{
    /// <summary>
    /// A gate's state from its phase: Locked until the required tasks and criteria are done, then Ready;
    /// Submitted while awaiting the decision; Approved once the phase completed; Rejected when the last
    /// decision of this iteration sent the phase back (it can be submitted again when ready).
    /// </summary>
    public static GateState Of(PhaseState phase, bool requiredWorkDone, GateDecision? lastDecision) => phase switch
    {
        PhaseState.Completed => GateState.Approved,
        PhaseState.AwaitingGate => GateState.Submitted,
        PhaseState.Active when lastDecision == GateDecision.Rejected => GateState.Rejected,
        PhaseState.Active when requiredWorkDone => GateState.Ready,
        _ => GateState.Locked,
    };
}
