using System.Collections.Concurrent;
using DsProcess.Application.Common.Interfaces;

namespace DsProcess.Application.Projects.Queries.ProjectBoard;

/// <summary>
/// Board reads under way, shared: a change reaches every open board of its project at once, and they all reload
/// together. A reload that says which changes it must show joins a read under way when that read saw them, so one
/// statement serves them all (each caller still gets its own access check and flags). Any other read is its own.
/// </summary>
public sealed class SharedBoardReads
{
    private readonly ConcurrentDictionary<string, Task<ProjectBoardDto>> _underWay = new(StringComparer.OrdinalIgnoreCase);

    public async Task<ProjectBoardDto> ReadAsync(string key, IReadOnlyCollection<ChangeNotice> mustShow, Func<Task<ProjectBoardDto>> read)
    {
        if (mustShow.Count > 0 && _underWay.TryGetValue(key, out var underWay))
        {
            try
            {
                var shared = await underWay;
                if (mustShow.All(n => shared.Seen?.Saw(n) == true))
                {
                    return shared;
                }
            }
            catch (OperationCanceledException)
            {
                // The reader it started for went away; this one reads for itself.
            }
        }

        var mine = read();
        _underWay[key] = mine;
        try
        {
            return await mine;
        }
        finally
        {
            _underWay.TryRemove(KeyValuePair.Create(key, mine));
        }
    }
}
