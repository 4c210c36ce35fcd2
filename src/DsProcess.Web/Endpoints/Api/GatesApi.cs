using System.ComponentModel;
using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Gates.Queries.AutomaticCriteria;
using DsProcess.Application.Projects.Queries.ProjectBoard;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Projects;
using Mediator;

namespace DsProcess.Web.Endpoints.Api;

/// <summary>A phase's gate: where it stands, what is still open, its criteria and its latest review.</summary>
public sealed record ApiGate(
    PhaseKind Phase,
    PhaseState PhaseState,
    GateState State,
    [property: Description("Every required task and criterion is done and every automatic criterion is met.")] bool CanSubmit,
    int OpenRequiredTasks,
    int OpenRequiredCriteria,
    [property: Description("The role that decides besides team leads; null for the outcome review.")] ProjectRole? DecidingRole,
    IReadOnlyList<BoardGateCriterion> Criteria,
    [property: Description("The criteria read from the evidence; one gate's read has the versions behind each.")] IReadOnlyList<ApiAutomaticCriterion> Automatic,
    BoardGateReview? LatestReview);

public sealed record ApiAutomaticCriterion(AutomaticCriterionKind Kind, string Text, bool IsMet, [property: Description("What meets the criterion or what is missing (one gate's read only).")] string? Detail, IReadOnlyList<EvidenceLink> Evidence);

internal static class GatesApi
{
    public static void MapGatesApi(this IEndpointRouteBuilder api)
    {
        var gates = api.MapGroup("/projects/{key}/gates").WithTags("Gates");
        gates.MapGet("/", async (string key, ISender sender, CancellationToken cancellationToken) =>
            {
                var board = await sender.Send(new ProjectBoardQuery(key), cancellationToken);
                return board.Phases.Select(p => GateOf(p, [.. p.Automatic.Select(a => new ApiAutomaticCriterion(a.Kind, a.Text, a.IsMet, null, []))])).ToList();
            })
            .WithName("ListGates")
            .WithSummary("Every phase's gate state with its criteria");
        gates.MapGet("/{phase}", async (string key, PhaseKind phase, ISender sender, CancellationToken cancellationToken) =>
            {
                var board = await sender.Send(new ProjectBoardQuery(key), cancellationToken);
                var boardPhase = board.Phases.FirstOrDefault(p => p.Kind == phase) ?? throw new NotFoundException("Phase", phase);
                var automatic = await sender.Send(new AutomaticCriteriaQuery(board.Id, phase), cancellationToken);
                return GateOf(boardPhase, [.. automatic.Select(a => new ApiAutomaticCriterion(a.Kind, a.Text, a.IsMet, a.Detail, a.Evidence))]);
            })
            .WithName("GetGate")
            .WithSummary("One phase's gate, with the evidence behind each automatic criterion (phase: DataDevelopment, ModelDevelopment, ...)");
    }

    private static ApiGate GateOf(BoardPhase phase, IReadOnlyList<ApiAutomaticCriterion> automatic) => new(
        phase.Kind,
        phase.State,
        phase.GateState,
        phase.CanSubmit,
        phase.OpenRequiredCount,
        phase.OpenRequiredCriteria,
        phase.DecidingRole,
        phase.Gate,
        automatic,
        phase.LatestReview);
}
