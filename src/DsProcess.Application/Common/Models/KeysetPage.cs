namespace DsProcess.Application.Common.Models;

/// <summary>
/// One page of a list read by keyset (seek) paging: the rows after a position, and the position to continue from
/// (null on the last page). Rows added meanwhile never shift a page, so a walk sees every earlier row exactly once.
/// </summary>
public sealed record KeysetPage<T, TCursor>(IReadOnlyList<T> Items, TCursor? Next)
    where TCursor : class;
