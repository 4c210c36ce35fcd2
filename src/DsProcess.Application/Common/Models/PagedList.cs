namespace DsProcess.Application.Common.Models;

public sealed record PagedList<T>(IReadOnlyList<T> Items, int TotalCount, int Page, int PageSize);

public enum SortDirection
{
    Ascending,
    Descending,
}
