using DsProcess.Domain.Projects;

namespace DsProcess.Application.Evidence.Datasets;

/// <summary>Which tasks produce data, so finishing one offers to register the dataset version it produced.</summary>
public static class DataTasks
{
    public static bool ProducesData(ProjectRole responsibleRole, PhaseKind phase) =>
        responsibleRole == ProjectRole.DataEngineer || phase == PhaseKind.DataDevelopment;
}
