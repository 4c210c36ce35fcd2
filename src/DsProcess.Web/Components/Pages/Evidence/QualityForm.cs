using DsProcess.Application.Evidence.Datasets;
using DsProcess.Application.Evidence.Datasets.Queries.ProjectData;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Projects;

namespace DsProcess.Web.Components.Pages.Evidence;

/// <summary>The editable quality facts of a dataset version, as the quality fields hold them.</summary>
public sealed class QualityForm
{
    public sealed class Check
    {
        public string Name { get; set; } = "";

        public bool Passed { get; set; } = true;

        public long? FailingRows { get; set; }
    }

    public List<Check> Checks { get; } = [];

    public bool PiiRemoved { get; set; }

    public string? PiiMethod { get; set; }

    public string? ProfileLink { get; set; }

    public IReadOnlyCollection<ProjectRole> AccessGrantedTo { get; set; } = [];

    public static QualityForm Of(DatasetVersionRow version)
    {
        var form = new QualityForm
        {
            PiiRemoved = version.PiiRemoved,
            PiiMethod = version.PiiMethod,
            ProfileLink = version.ProfileLink,
            AccessGrantedTo = version.AccessGrantedTo,
        };
        form.Checks.AddRange(version.Checks.Select(c => new Check { Name = c.Name, Passed = c.Passed, FailingRows = c.FailingRows }));
        return form;
    }

    public DatasetQualityInput ToInput() => new()
    {
        Checks = [.. Checks.Select(c => new QualityCheck(c.Name, c.Passed, c.FailingRows))],
        PiiRemoved = PiiRemoved,
        PiiMethod = PiiRemoved ? PiiMethod : null,
        ProfileLink = ProfileLink,
        AccessGrantedTo = [.. AccessGrantedTo],
    };
}
