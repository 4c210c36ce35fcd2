using DsProcess.Domain.Evidence;

namespace DsProcess.Application.Evidence.Datasets;

/// <summary>A version's quality checks as the read side carries them.</summary>
internal static class QualityChecks
{
    /// <summary>The checks as a list of their own, for a query's projection (the Data page, the lineage).</summary>
    public static List<QualityCheck> ListOf(IEnumerable<QualityCheck> checks) => [.. checks];
}
